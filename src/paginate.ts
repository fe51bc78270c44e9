// The page walk's planner, without I/O: given the answer to the last request, it says which builds
// to hand out and what to ask next. Pure (walk in, outcome out), so property tests can drive it.
//
// The list is ordered by startedAt. The walk's *place* is where the builds it has passed end:
// those that started before the last build handed out (after it, newest first), and those that
// started at the same instant and were handed out. Builds that share a startedAt are told apart by
// id; this assumes only that the server lists them in the same order in every answer, whatever
// that order is. Every request after the first starts at the last build handed out, so its answer
// shows the place, or shows that the place lies before or after the page: then the walk gallops
// from the old place and halves the gap until an answer shows it.

/** The most a request may ask for: the API caps `limit` at 1000. */
export const MAX_LIMIT = 1000;

/** Answers in a row that may hand out nothing (while the walk looks for its place). */
const MAX_STALLS = 64;

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

/** What the planner reads of a build. */
export interface Listed {
  id: string;
  startedAt?: unknown;
}

export interface WalkOptions {
  /** Position of the first item to fetch. */
  offset: number;
  pageSize: number;
  desc: boolean;
  /** Stop after this many items (`Number.MAX_SAFE_INTEGER` for all). */
  maxItems: number;
  /** The largest `limit` the server accepts (at least 2); default {@link MAX_LIMIT}. */
  maxLimit?: number;
}

/** The last build handed out: its startedAt (its {@link keyOf}) and the ids handed out with it. */
interface Mark {
  readonly key: string;
  readonly ties: ReadonlySet<string>;
}

/** The walk looks for its place between `lo` and `hi` (as last seen). */
export interface Finding {
  readonly kind: 'finding';
  readonly lo: number;
  readonly hi: number;
  /** How far the next probe goes from the bound it leaves; 0 once the place is between two. */
  readonly step: number;
  /** Whether it gallops towards the start of the list. */
  readonly back: boolean;
}

export type Place =
  /** Nothing handed out yet: the first answer is handed out as it is. */
  | { readonly kind: 'starting' }
  /** The last build handed out was at `at`: the next answer should begin with it. */
  | { readonly kind: 'going-on'; readonly at: number }
  | Finding;

export interface Walk {
  readonly options: Required<WalkOptions>;
  readonly place: Place;
  /** The request whose answer comes next. */
  readonly asked: PageRequest;
  /** Builds handed out so far. */
  readonly taken: number;
  /** `total` of the last answer (-1 before the first). */
  readonly total: number;
  readonly mark: Mark | undefined;
  /** Answers in a row that handed out nothing. */
  readonly stalls: number;
}

export type Outcome<P> =
  /** Hand out `page` (it may have no items), then send `request`. */
  | { kind: 'ask'; page: P; request: PageRequest; walk: Walk }
  /** Hand out `page`; the walk is over. */
  | { kind: 'done'; page: P }
  /** The answers make no sense as one list: the walk ends with an error. */
  | { kind: 'broken'; reason: string };

export function startWalk(
  options: WalkOptions,
): { kind: 'ask'; request: PageRequest; walk: Walk } | { kind: 'done' } {
  if (options.maxItems <= 0) return { kind: 'done' };
  const all = { maxLimit: MAX_LIMIT, ...options };
  const limit = Math.min(options.pageSize, options.maxItems, all.maxLimit);
  const request = { offset: options.offset, limit };
  const walk: Walk = {
    options: all,
    place: { kind: 'starting' },
    asked: request,
    taken: 0,
    total: -1,
    mark: undefined,
    stalls: 0,
  };
  return { kind: 'ask', request, walk };
}

/** Takes the answer to `walk.asked`: what to hand out of it, and what to ask next. */
export function advanceWalk<P extends Page<Listed>>(walk: Walk, page: P): Outcome<P> {
  const { offset } = walk.asked;
  const { items, total } = page;
  const before = countBefore(items, walk.mark, walk.options.desc);
  if (typeof before === 'string') return broken(offset, before);
  if (items.length > 0 && offset + items.length > total) {
    return broken(
      offset,
      `has ${items.length} builds, past total ${total} (does the server ignore offset?)`,
    );
  }
  if (walk.place.kind === 'starting' || showsPlace(walk, page, before)) {
    return handOut(walk, page, before);
  }
  if (walk.stalls >= MAX_STALLS) {
    return broken(
      offset,
      `still does not show where the walk left off (does the server ignore offset?)`,
    );
  }
  return find(walk, page, before);
}

const broken = (offset: number, problem: string): { kind: 'broken'; reason: string } => ({
  kind: 'broken',
  reason: `the page at offset ${offset} ${problem}`,
});

/**
 * Instants as the API writes them (UTC, milliseconds) on days that every such month has: in this
 * form text sorts like the instants themselves, and no date needs parsing.
 */
const SORTABLE =
  /^\d{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * startedAt as text that sorts in list order (oldest first), or undefined when it is not a date.
 * Other forms are parsed and written in the form above; years past 9999 have no RFC 3339 form.
 */
function keyOf(item: Listed): string | undefined {
  const at = item.startedAt;
  if (typeof at !== 'string') return undefined;
  if (SORTABLE.test(at)) return at;
  const time = Date.parse(at);
  const key = Number.isNaN(time) ? '' : new Date(time).toISOString();
  return key.length === 24 ? key : undefined;
}

/** Whether startedAt `a` comes before `b` in walk order. */
const precedes = (a: string, b: string, desc: boolean): boolean => (desc ? a > b : a < b);

/**
 * How many of `items` the walk has passed (they begin the page), or what is wrong with the page:
 * a build without a valid startedAt, or builds out of order. A build that shares the mark's
 * startedAt but was not handed out is passed when one that was comes after it: the server lists
 * such builds in one order, so it lies before the walk's start.
 */
function countBefore(items: readonly Listed[], mark: Mark | undefined, desc: boolean) {
  let before = 0;
  let previous: string | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const key = keyOf(items[i]!);
    if (key === undefined) return `has a build without a valid startedAt at items[${i}]`;
    if (previous !== undefined && precedes(key, previous, desc)) {
      return `is not in startedAt order at items[${i}]`;
    }
    previous = key;
    if (
      mark &&
      (precedes(key, mark.key, desc) || (key === mark.key && mark.ties.has(items[i]!.id)))
    ) {
      before = i + 1;
    }
  }
  return before;
}

/** Whether the answer is as long as asked (or as the server allows). */
const isFull = (walk: Walk, page: Page<Listed>): boolean =>
  page.items.length >= Math.min(walk.asked.limit, page.limit > 0 ? page.limit : walk.asked.limit);

/**
 * Whether the answer shows the place: it begins with passed builds (or at the list's start),
 * and builds not passed follow, or the list ends.
 */
function showsPlace(walk: Walk, page: Page<Listed>, before: number): boolean {
  const n = page.items.length;
  const start = before > 0 || walk.asked.offset === 0 || page.total === 0;
  return start && (before < n || !isFull(walk, page) || walk.asked.offset + n >= page.total);
}

/** Hands out up to a page of the builds after the place, and goes on from the last of them. */
function handOut<P extends Page<Listed>>(walk: Walk, page: P, before: number): Outcome<P> {
  const { pageSize, maxItems, maxLimit } = walk.options;
  const n = page.items.length;
  const end = Math.min(n, before + Math.min(pageSize, maxItems - walk.taken));
  const offset = walk.asked.offset;
  const out =
    before === 0 && end === n && page.offset === offset
      ? page
      : {
          ...page,
          offset: offset + before,
          count: end - before,
          items: page.items.slice(before, end),
        };
  const taken = walk.taken + out.items.length;
  const rest = end === n && (!isFull(walk, page) || offset + n >= page.total);
  if (taken >= maxItems || rest) return { kind: 'done', page: out };
  // Seam: the next answer must begin with the last build handed out.
  const at = offset + end - 1;
  const request = {
    offset: at,
    limit: Math.min(maxLimit, Math.min(pageSize, maxItems - taken) + 1),
  };
  const mark = markOf(walk.mark, out.items);
  const place = { kind: 'going-on', at } as const;
  const next = { ...walk, place, asked: request, taken, total: page.total, mark, stalls: 0 };
  return { kind: 'ask', page: out, request, walk: next };
}

/** The mark of the last of `out`: the ids handed out with its startedAt, earlier ones included. */
function markOf(mark: Mark | undefined, out: readonly Listed[]): Mark {
  // countBefore found every startedAt of the page valid.
  const key = keyOf(out[out.length - 1]!)!;
  const ties = new Set(mark?.key === key ? mark.ties : []);
  for (let i = out.length - 1; i >= 0 && keyOf(out[i]!) === key; i -= 1) ties.add(out[i]!.id);
  return { key, ties };
}

/** The answer does not show the place: narrow where it can be, and ask there. */
function find<P extends Page<Listed>>(walk: Walk, page: P, before: number): Outcome<P> {
  const { pageSize, maxItems, maxLimit } = walk.options;
  const place =
    walk.place.kind === 'finding' ? narrow(walk, page, before) : lose(walk, page, before);
  const request = probe(place, Math.min(pageSize, maxItems - walk.taken), maxLimit);
  const next = { ...walk, place, asked: request, total: page.total, stalls: walk.stalls + 1 };
  return { kind: 'ask', page: { ...page, count: 0, items: [] }, request, walk: next };
}

/**
 * The seam at `at` did not begin with the last build handed out: builds before it were deleted
 * (the place moved back) or, newest first, builds started (it moved on). The change of `total`
 * is the first guess of how far; without one, a page back, or a page on.
 */
function lose(walk: Walk, page: Page<Listed>, before: number): Finding {
  const at = walk.asked.offset;
  const moved = page.total - walk.total;
  const { pageSize, maxItems, maxLimit } = walk.options;
  if (before === 0) {
    const hi = Math.min(at, page.total);
    const fall = hi - (at + 1 + Math.min(0, moved));
    // The first window reaches as far back as `total` fell, and a page back when that fits in
    // one request beside a page to hand out.
    const fits = pageSize + Math.min(pageSize, maxItems - walk.taken) <= maxLimit;
    const step = Math.max(1, fall, fits || moved >= 0 ? pageSize - 1 : 0);
    return { kind: 'finding', lo: 0, hi, step, back: true };
  }
  const lo = at + page.items.length;
  return {
    kind: 'finding',
    lo,
    hi: page.total,
    step: Math.max(1, at + 1 + moved - lo),
    back: false,
  };
}

/**
 * Narrows the place by a probe's answer: no build passed (the place is before it) or all passed
 * (after it). A bound of an older answer that this one contradicts is dropped: the list changed.
 */
function narrow(walk: Walk, page: Page<Listed>, before: number): Finding {
  const { lo, hi, step, back } = walk.place as Finding;
  const { pageSize } = walk.options;
  if (before === 0) {
    const top = Math.min(walk.asked.offset, page.total);
    if (lo > top) return { kind: 'finding', lo: 0, hi: top, step: pageSize, back: true };
    return { kind: 'finding', lo, hi: top, step: back ? gallop(step, pageSize) : 0, back };
  }
  const bottom = walk.asked.offset + page.items.length;
  if (hi < bottom)
    return { kind: 'finding', lo: bottom, hi: page.total, step: pageSize, back: false };
  return { kind: 'finding', lo: bottom, hi, step: back ? 0 : gallop(step, pageSize), back };
}

/** The next step while the place is on one side only: twice as far, and at least a page. */
const gallop = (step: number, pageSize: number): number => Math.max(step * 2, pageSize);

/**
 * The request that looks for the place in [lo, hi] and has room for `want` builds after it: one
 * window over all of it when that fits, else a probe a step from the bound left, or halfway.
 */
function probe({ lo, hi, step, back }: Finding, want: number, maxLimit: number): PageRequest {
  const fits = hi - Math.max(0, lo - 1) + want <= maxLimit;
  const at = fits
    ? lo
    : step === 0
      ? lo + Math.floor((hi - lo) / 2)
      : back
        ? Math.max(lo, hi - step)
        : Math.min(hi, lo + step);
  const offset = Math.max(0, at - 1);
  return { offset, limit: Math.min(maxLimit, hi + want - offset) };
}
