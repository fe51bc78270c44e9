// The page walk's planner, without I/O: given the answer to the last request, it decides what to
// hand out and what to ask next. Pure (state in, state out), so property tests can drive it.

/** The most a request may ask for: the API caps `limit` at 1000. */
export const MAX_LIMIT = 1000;

export interface PageRequest {
  offset: number;
  limit: number;
}

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  count: number;
  items: T[];
}

export interface Identified {
  id: string;
}

export interface WalkOptions {
  /** Position of the first item to fetch. */
  offset: number;
  pageSize: number;
  desc: boolean;
  /** Stop after this many items (`Number.MAX_SAFE_INTEGER` for all). */
  maxItems: number;
  /** The largest `limit` the server accepts; default {@link MAX_LIMIT}. */
  maxLimit?: number;
}

export interface WalkState<T extends Identified> {
  readonly options: WalkOptions;
  /** The next request, or `undefined` when the walk is done. */
  readonly next: PageRequest | undefined;
  /** Items handed out so far. */
  readonly taken: number;
  /** `total` of the last answer. */
  readonly total: number | undefined;
  /** The last page handed out: the walk goes on after the newest of its builds still listed. */
  readonly last: readonly T[];
  /**
   * Where that build can be now, counted as in `total`: from `lo` to `hi` (one place when
   * known; -1 when every build before the next one is gone).
   */
  readonly lo: number;
  readonly hi: number;
  /** Builds known to come after it, from position `at`, fetched before the seam that joins them. */
  readonly held: { items: T[]; at: number; full: boolean } | undefined;
  /** Answers in a row that handed out nothing. */
  readonly stalls: number;
}

/** Answers in a row that may hand out nothing (while the walk looks for where it left off). */
const MAX_STALLS = 16;

/** The server's pages make no sense as a list (e.g. it ignores `offset`). */
const repeats = (offset: number): Error =>
  new Error(`the page at offset ${offset} repeats builds (does the server ignore offset?)`);

export function startWalk<T extends Identified = Identified>(options: WalkOptions): WalkState<T> {
  const next =
    options.maxItems > 0
      ? { offset: options.offset, limit: Math.min(options.pageSize, options.maxItems) }
      : undefined;
  const at = options.offset - 1;
  return {
    options,
    next,
    taken: 0,
    total: undefined,
    last: [],
    lo: at,
    hi: at,
    held: undefined,
    stalls: 0,
  };
}

/**
 * Index in `items` of the last one that `last` holds (-1 if none), and how many of `last` come
 * after it. The common case (nothing moved) costs one scan for the last id; a Map of all of
 * them is built only when something may have moved.
 */
function boundary<T extends Identified>(
  last: readonly T[],
  items: readonly T[],
  moved: boolean,
): [index: number, rest: number] {
  if (!last.length || !items.length) return [-1, 0];
  const lastId = last[last.length - 1]!.id;
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.id === lastId) return [i, 0];
  if (!moved) return [-1, 0];
  const positions = new Map(last.map((item, i) => [item.id, i]));
  for (let i = items.length - 1; i >= 0; i--) {
    const position = positions.get(items[i]!.id);
    if (position !== undefined) return [i, last.length - 1 - position];
  }
  return [-1, 0];
}

/**
 * Takes the answer to `state.next` and returns the items to hand out (as a page) and the new state.
 *
 * The walk goes on after the newest build of the last page that is still listed (the anchor).
 * While `total` holds still, the next page starts right after it. When `total` moved, the anchor
 * moved by at most that much (new builds come at the newest end, so newest first they move it
 * by exactly that much): found by id in the answer, the builds after it are handed out; otherwise
 * the answer is held if it lies past the anchor, and the seam between them is asked for, or the
 * anchor is looked for where it can be.
 */
export function advanceWalk<T extends Identified, P extends Page<T> = Page<T>>(
  state: WalkState<T>,
  page: P,
): { state: WalkState<T>; page: P } {
  const request = state.next;
  if (!request) throw new Error('the walk is done');
  const { desc, pageSize, maxItems } = state.options;
  const maxLimit = state.options.maxLimit ?? MAX_LIMIT;
  const { items, total } = page;
  const { offset } = request;
  const received = items.length;
  const full = received >= Math.min(request.limit, page.limit > 0 ? page.limit : request.limit);
  const delta = total - (state.total ?? total);
  let { lo, hi } = state;
  // New builds move the anchor only newest first; deleted ones may move it back.
  if (desc && delta > 0) [lo, hi] = [lo + delta, hi + delta];
  if (delta < 0) lo = Math.max(-1, lo + delta);
  hi = Math.min(hi, total - 1);
  // Held builds stay where they were only while `total` does; after that they can only be joined.
  const kept = state.held;
  let held = delta === 0 ? kept : undefined;
  const [index, rest] = boundary(state.last, items, delta !== 0 || lo !== hi || !!kept);

  /**
   * `run` (builds in a row from `at`) and the held builds after it, where they meet: overlapping
   * (the same builds twice), or side by side if nothing can have moved the held ones since.
   */
  const join = (run: T[], at: number, whole: boolean): NonNullable<WalkState<T>['held']> => {
    if (kept) {
      const lastId = run[run.length - 1]?.id;
      const overlap = kept.items.findIndex((item) => item.id === lastId);
      if (overlap >= 0 || (at + run.length === kept.at && (!delta || (!desc && delta > 0)))) {
        // Held short, but builds came or went since: `total` tells whether more follow.
        return { items: run.concat(kept.items.slice(overlap + 1)), at, full: kept.full || !!delta };
      }
    }
    return { items: run, at, full: whole };
  };

  /** The request that finds the anchor in [lo, hi], or reaches the held builds, or goes on. */
  function plan(lo: number, hi: number, held: WalkState<T>['held'], taken: number): PageRequest {
    const want = Math.min(pageSize, maxItems - taken);
    if (held) {
      const from = Math.max(0, lo, held.at - maxLimit);
      return { offset: from, limit: held.at - from };
    }
    // Known (builds started newest first move it by exactly as many): right after it.
    if (lo === hi) return { offset: hi + 1, limit: want };
    const from = Math.max(0, lo);
    return { offset: from, limit: Math.min(maxLimit, hi + 1 - from + want) };
  }

  /**
   * Hands out `fresh` (the items just before `end`, or up to `slack` fewer places before it) and
   * plans the request after them.
   */
  const handOut = (fresh: T[], run: readonly T[], end: number, whole: boolean, slack = 0) => {
    const room = maxItems - state.taken;
    const out = fresh.length > room ? fresh.slice(0, room) : fresh;
    const taken = state.taken + out.length;
    const done = taken >= maxItems || !run.length || !whole || end - slack >= total;
    let stalls = 0;
    if (!out.length && !done) {
      // Nothing new where the anchor was known and nothing moved: the server repeats itself.
      const repeated = !delta && state.lo === state.hi && offset === state.hi + 1;
      if (repeated || state.stalls >= MAX_STALLS) throw repeats(offset);
      stalls = state.stalls + 1;
    }
    const start = end - fresh.length;
    const from = Math.max(-1, end - 1 - slack);
    return {
      page:
        out === items && start === page.offset
          ? page
          : { ...page, offset: start, count: out.length, items: out },
      state: {
        options: state.options,
        next: done ? undefined : plan(from, end - 1, undefined, taken),
        taken,
        total,
        last: fresh.length ? run : state.last,
        lo: from,
        hi: end - 1,
        held: undefined,
        stalls,
      },
    };
  };

  // The first page: nothing to align on.
  if (!state.last.length) return handOut(items, items, offset + received, full);

  if (index >= 0) {
    const at = offset + index;
    // Oldest first, builds never move towards the end: a server that says so ignores offset.
    if (!desc && at > hi) throw repeats(offset);
    if (index < received - 1 || !rest || !full) {
      const fresh = items.slice(index + 1);
      const run = join(fresh, offset + index + 1, full);
      const end = run.at + run.items.length;
      if (run.items === fresh) return handOut(fresh, items, end, run.full);
      // Held builds deleted since shorten the run: where it ends is known only that closely.
      return handOut(run.items, run.items, end, run.full, Math.max(0, -delta));
    }
    // The answer ends amid the last page: the anchor is further on.
    held = undefined;
    const [from, to] = [Math.max(lo, at), Math.min(hi, at + rest)];
    [lo, hi] = from <= to ? [from, to] : [at, Math.min(at + rest, total - 1)];
  } else {
    // Not in this answer: the anchor is not where it was asked for.
    const top = full ? offset + received : Infinity;
    if (offset <= lo && top > lo) lo = top;
    else if (offset > lo && top > hi) hi = Math.min(hi, offset - 1);
    if (lo > hi) {
      // Not where the change of `total` lets it be: builds came and went at once. The order
      // still bounds it: newest first, nothing moves it back further than `total` fell;
      // oldest first, nothing moves it on.
      [lo, hi] = desc
        ? [Math.max(-1, state.lo + delta, offset <= state.lo + delta ? top : -1), total - 1]
        : [-1, Math.min(state.hi, offset - 1, total - 1)];
      if (lo > hi) throw repeats(offset);
    }
    if (offset > hi && received) {
      // Past the anchor: builds to hand out once the seam before them is known.
      held = delta ? { items, at: offset, full } : join(items, offset, full);
    }
    if (held && lo === hi && held.at === hi + 1) {
      return handOut(held.items, held.items, held.at + held.items.length, held.full);
    }
    // Nothing after the anchor.
    if (!received && lo === hi && offset === hi + 1) return handOut(items, items, offset, full);
  }

  const stalls = state.stalls + 1;
  if (stalls > MAX_STALLS) throw repeats(offset);
  const next = plan(lo, hi, held, state.taken);
  return {
    page: { ...page, count: 0, items: [] },
    state: { ...state, next, total, lo, hi, held, stalls },
  };
}
