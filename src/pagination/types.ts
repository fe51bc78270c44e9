// The planner's state and the shapes it reads and writes: a request for a page, the page, what it
// reads of a build. Its modules (planner.ts, order.ts, search.ts) import these and nothing of
// each other's state.

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

/** What the planner reads of a build. */
export interface Listed {
  id: string;
  startedAt?: unknown;
}

export interface PlannerOptions {
  /** Position of the first item to fetch. */
  offset: number;
  pageSize: number;
  desc: boolean;
  /** Stop after this many items (`Number.MAX_SAFE_INTEGER` for all). */
  maxItems: number;
  /** The largest `limit` the server accepts (at least 2); default {@link MAX_LIMIT}. */
  maxLimit?: number;
}

/** The last build handed out: its sort key, and the ids handed out with that same startedAt. */
export interface LastHandedOut {
  readonly key: string;
  readonly ids: ReadonlySet<string>;
}

/** The walk looks for its place between `low` and `high` (positions in the list as last seen). */
export interface Search {
  readonly kind: 'searching';
  readonly low: number;
  readonly high: number;
  /** How far the next request goes from the bound it leaves; 0 once it halves the gap. */
  readonly step: number;
  /** Whether it gallops towards the start of the list. */
  readonly back: boolean;
}

export type Place =
  /** Nothing handed out yet: the first answer is handed out as it is. */
  | { readonly kind: 'first' }
  /** The next answer should begin with the last build handed out: the seam. */
  | { readonly kind: 'seam' }
  | Search;

export interface PlannerState {
  readonly options: Required<PlannerOptions>;
  readonly place: Place;
  /** The request whose answer comes next. */
  readonly asked: PageRequest;
  /** Builds handed out so far. */
  readonly handedOut: number;
  /** `total` of the last answer (-1 before the first). */
  readonly total: number;
  readonly last: LastHandedOut | undefined;
  /** Answers in a row that handed out nothing. */
  readonly searches: number;
}
