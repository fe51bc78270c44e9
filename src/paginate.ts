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

/**
 * What `next` is for: the next `page`; the `seam` between the last page handed out and a page
 * held back because `total` moved; or a `realign`ed page after a shift no page bridged.
 */
export type Purpose = 'page' | 'seam' | 'realign';

export interface WalkState<T extends Identified> {
  readonly options: WalkOptions;
  /** The next request, or `undefined` when the walk is done. */
  readonly next: PageRequest | undefined;
  readonly purpose: Purpose;
  /** Items handed out so far. */
  readonly taken: number;
  /** `total` of the last answer. */
  readonly total: number | undefined;
  /** The last answer's items, all handed out by now: the next answer is aligned on their ids. */
  readonly last: readonly T[];
  /** A page that waits for its seam, and whether it was a full one. */
  readonly held: { page: Page<T>; full: boolean } | undefined;
  /** Answers in a row that handed out nothing. */
  readonly stalls: number;
  /** Where the build after the last one handed out is expected, counted as in `total`. */
  readonly expected: number;
}

/** Answers in a row that may hand out nothing while `total` keeps moving. */
const MAX_STALLS = 16;

/** The server's pages make no sense as a list (e.g. it ignores `offset`). */
const repeats = (offset: number): Error =>
  new Error(`the page at offset ${offset} repeats builds (does the server ignore offset?)`);

/** A state that waits for `next` (a seam or a realigned page) and hands out nothing meanwhile. */
const wait = <T extends Identified, P extends Page<T>>(
  state: WalkState<T>,
  page: P,
  patch: Partial<WalkState<T>>,
): { state: WalkState<T>; page: P } => ({
  state: { ...state, total: page.total, ...patch },
  page: { ...page, count: 0, items: [] },
});

export function startWalk<T extends Identified = Identified>(options: WalkOptions): WalkState<T> {
  const next =
    options.maxItems > 0
      ? { offset: options.offset, limit: Math.min(options.pageSize, options.maxItems) }
      : undefined;
  return {
    options,
    next,
    purpose: 'page',
    taken: 0,
    total: undefined,
    last: [],
    held: undefined,
    stalls: 0,
    expected: options.offset,
  };
}

/**
 * Index in `items` of the last one that `last` holds (-1 if none), and how many of `last` come
 * after it. The common case (nothing moved) costs one scan for the last id; a Map of all of
 * them is built only when `total` moved.
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
 * Each answer is aligned on the ids of the last one: items up to the last of those ids were
 * handed out already. When `total` moved and no such id is in the answer (growth of an ascending
 * walk aside), the shift is unknown: new builds come at the newest end, so the planner
 * estimates where the last page went, then asks for the seam between it and the answer (held
 * back meanwhile), or, when the answer lies before the last page, for a page from there.
 */
export function advanceWalk<T extends Identified, P extends Page<T> = Page<T>>(
  state: WalkState<T>,
  page: P,
): { state: WalkState<T>; page: P } {
  const request = state.next;
  if (!request) throw new Error('the walk is done');
  const { desc, pageSize, maxItems } = state.options;
  const maxLimit = state.options.maxLimit ?? MAX_LIMIT;
  const received = page.items.length;
  const moved = state.total !== undefined && page.total !== state.total;
  const full = received >= Math.min(request.limit, page.limit > 0 ? page.limit : request.limit);
  const [index, rest] = boundary(
    state.last,
    page.items,
    moved || state.stalls > 0 || state.purpose !== 'page',
  );

  if (state.purpose === 'seam') {
    const held = state.held!;
    const fresh = page.items.slice(index + 1);
    // The seam reaches the held page unless the list moved again in between.
    if (page.total === held.page.total && received === request.limit) {
      const end = held.page.offset + held.page.items.length;
      return finish(
        state,
        page,
        fresh.concat(held.page.items),
        held.page.items,
        end,
        held.full,
        moved,
      );
    }
    if (index >= 0)
      return finish(state, page, fresh, page.items, request.offset + received, true, true);
    // Moved again and no id to align on: estimate afresh from where the held page was.
  }

  const delta = page.total - (state.total ?? page.total);
  const realign = (estimate: number) => {
    const want = Math.min(pageSize, maxItems - state.taken);
    const overlap = Math.max(1, Math.min(state.last.length, maxLimit - want));
    const offset = Math.max(0, estimate - overlap);
    const next = { offset, limit: Math.min(maxLimit, estimate - offset + want) };
    const stalls = state.stalls + 1;
    if (stalls > MAX_STALLS) throw repeats(request.offset);
    return wait(state, page, { next, purpose: 'realign', stalls, expected: estimate });
  };
  // Builds of an ascending walk never move towards the end: a server that says so ignores offset.
  if (!desc && index >= 0 && request.offset + index > state.expected - 1 - rest) {
    throw repeats(request.offset);
  }
  // The answer ends amid the builds of the last page: skip the rest of them.
  if (index === received - 1 && rest > 0 && full) return realign(request.offset + received + rest);
  // New builds of an ascending walk come at the end: the answer still follows the last page.
  if (index < 0 && moved && state.last.length > 0 && (desc || delta < 0)) {
    // Where the build after the last one handed out now is, if builds came and went as usual.
    const start = Math.min(state.expected, page.total);
    const estimate = Math.max(
      0,
      Math.min(start + (desc ? Math.max(delta, 0) : Math.min(delta, 0)), page.total),
    );
    // A seam that found no id to align on is not a page to hold: ask for one after the estimate.
    if (state.purpose === 'seam') return realign(estimate);
    // The seam covers the last page where it is estimated to be, or its end at least. Newest
    // first, deleted builds newer than it move it back by up to -delta: the seam reaches there.
    const back = desc ? Math.min(delta, 0) : 0;
    const seamStart = Math.max(0, estimate - state.last.length + back, start - maxLimit);
    if (estimate <= start && seamStart <= Math.max(0, estimate - 1)) {
      if (start === seamStart)
        return finish(state, page, page.items, page.items, start + received, full, moved);
      const next = { offset: seamStart, limit: start - seamStart };
      const held = { page: { ...page, offset: start }, full };
      return wait(state, page, { next, purpose: 'seam', held, expected: start });
    }
    return realign(estimate);
  }
  // A realigned page without the last ids: trust the estimate, the overlap was handed out.
  const skip = state.purpose === 'realign' ? state.expected - request.offset - 1 : -1;
  const fresh = page.items.slice((index < 0 ? skip : index) + 1);
  return finish(
    state,
    page,
    fresh,
    page.items,
    request.offset + received,
    full,
    moved || state.purpose === 'realign',
  );
}

/** Hands out `fresh` (the items just before `end`) and plans the request after `end`. */
function finish<T extends Identified, P extends Page<T>>(
  state: WalkState<T>,
  page: P,
  fresh: T[],
  last: readonly T[],
  end: number,
  full: boolean,
  /** `total` moved, or a seam cut short, or a realigned page: nothing new there is no loop. */
  shifted: boolean,
): { state: WalkState<T>; page: P } {
  const { pageSize, maxItems } = state.options;
  const offset = end - fresh.length;
  const items =
    fresh.length > maxItems - state.taken ? fresh.slice(0, maxItems - state.taken) : fresh;
  const taken = state.taken + items.length;
  const done = taken >= maxItems || !last.length || !full || end >= page.total;
  const stalls = items.length === 0 && !done ? state.stalls + 1 : 0;
  if (stalls > 0) {
    // Nothing new in a page is a shift only when `total` moved, and only a few times in a row.
    if ((!shifted && state.stalls === 0) || stalls > MAX_STALLS) {
      throw repeats(state.next!.offset);
    }
  }
  const next = done ? undefined : { offset: end, limit: Math.min(pageSize, maxItems - taken) };
  const out =
    items === page.items && offset === page.offset
      ? page
      : { ...page, offset, count: items.length, items };
  return {
    page: out,
    state: {
      options: state.options,
      next,
      purpose: 'page',
      taken,
      total: page.total,
      // Nothing new: the last build handed out is still the one to align on.
      last: fresh.length > 0 ? last : state.last,
      held: undefined,
      stalls,
      expected: end,
    },
  };
}
