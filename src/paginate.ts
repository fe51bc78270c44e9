// The page walk: a pure planner that decides what to ask next, and a thin async walker that
// fetches (one page ahead at most) and knows nothing about auth or retries.
import { forwardAbort } from './signals.js';

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

export interface WalkOptions {
  /** Position of the first item to fetch. */
  offset: number;
  pageSize: number;
  desc: boolean;
  /** Stop after this many items (`Infinity` for all). */
  maxItems: number;
}

export interface WalkState {
  readonly options: WalkOptions;
  /** The next request, or `undefined` when the walk is done. */
  readonly next: PageRequest | undefined;
  /** Items handed out so far. */
  readonly taken: number;
  /**
   * Ascending: the server position after the last page. Descending: the index, among the builds
   * that existed when the walk began, of the next one to fetch.
   */
  readonly position: number;
  /** Descending: `total` of the first page, i.e. how many builds existed when the walk began. */
  readonly baseTotal: number | undefined;
  /** Descending: the `total` the `next` request was planned with. */
  readonly plannedTotal: number | undefined;
  /** Descending: ids of the last page, to drop repeats if `total` lags behind inserts. */
  readonly lastIds: ReadonlySet<string>;
}

export function startWalk(options: WalkOptions): WalkState {
  const next =
    options.maxItems > 0
      ? { offset: options.offset, limit: Math.min(options.pageSize, options.maxItems) }
      : undefined;
  return {
    options,
    next,
    taken: 0,
    position: options.offset,
    baseTotal: undefined,
    plannedTotal: undefined,
    lastIds: new Set(),
  };
}

/**
 * Takes the answer to `state.next` and returns the items to hand out and the new state.
 *
 * Descending walks see builds started during the walk pushed in at the front: each one shifts
 * every later position by one. The growth of `total` says by how much, so the next offset skips
 * exactly that many positions, and a page whose `total` grew after it was planned starts with
 * that many builds already handed out, which are dropped. Ascending walks simply go on until the
 * latest `total`, so builds started during the walk come at the end.
 */
export function advanceWalk<T extends { id: string }>(
  state: WalkState,
  page: Page<T>,
): { state: WalkState; page: Page<T> } {
  const request = state.next;
  if (request === undefined) throw new Error('advanceWalk: the walk is already done');
  const { desc, pageSize, maxItems } = state.options;
  const received = page.items.length;

  let drop = 0;
  let baseTotal = state.baseTotal;
  if (desc) {
    if (baseTotal === undefined) baseTotal = page.total;
    else drop = Math.min(received, Math.max(0, page.total - (state.plannedTotal ?? page.total)));
  }
  let items = drop === 0 ? page.items : page.items.slice(drop);
  if (desc && state.lastIds.size > 0 && items.some((item) => state.lastIds.has(item.id))) {
    items = items.filter((item) => !state.lastIds.has(item.id));
  }
  const room = maxItems - state.taken;
  if (items.length > room) items = items.slice(0, room);

  const taken = state.taken + items.length;
  const position = desc ? state.position + received - drop : request.offset + received;
  const expected = Math.min(request.limit, page.limit > 0 ? page.limit : request.limit);
  const finished =
    taken >= maxItems ||
    received === 0 ||
    received < expected ||
    (desc ? position >= (baseTotal ?? 0) : position >= page.total);

  const limit = Math.min(pageSize, maxItems - taken);
  const next = finished
    ? undefined
    : { offset: desc ? position + page.total - (baseTotal ?? page.total) : position, limit };
  const out =
    items === page.items
      ? page
      : { ...page, offset: request.offset + drop, count: items.length, items };
  return {
    page: out,
    state: {
      options: state.options,
      next,
      taken,
      position,
      baseTotal,
      plannedTotal: desc ? page.total : undefined,
      lastIds: desc ? new Set(items.map((item) => item.id)) : state.lastIds,
    },
  };
}

export type FetchPage<P> = (request: PageRequest, signal: AbortSignal) => Promise<P>;

/**
 * Walks pages, fetching the next one while the consumer works on the current one. Leaving the
 * loop early aborts that prefetch; its rejection is swallowed, never unhandled.
 */
export async function* walkPages<T extends { id: string }, P extends Page<T>>(
  fetchPage: FetchPage<P>,
  options: WalkOptions,
  signal: AbortSignal | undefined,
): AsyncGenerator<P, void, undefined> {
  let state = startWalk(options);
  if (state.next === undefined) return;
  signal?.throwIfAborted();
  const controller = new AbortController();
  const unlink = forwardAbort(signal, controller);
  try {
    let pending: Promise<P> | undefined = fetchPage(state.next, controller.signal);
    while (pending !== undefined) {
      const answer = await pending;
      const step = advanceWalk(state, answer);
      state = step.state;
      pending = state.next === undefined ? undefined : fetchPage(state.next, controller.signal);
      pending?.catch(() => {});
      if (step.page.items.length > 0) yield step.page as P;
    }
  } finally {
    unlink();
    controller.abort();
  }
}
