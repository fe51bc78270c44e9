// The page walk's planner, without I/O: given the answer to the last request, it says which
// builds to hand out and what to ask next. Pure (state in, outcome out), so property tests can
// drive it. The list is ordered by startedAt (order.ts); the walk's *place* is where the builds
// it has passed end.
//
// The seam. Every request after the first starts at the last build handed out, so the answer
// must begin with it (one build of overlap):
//
//   handed out   … b7 b8 b9|                  pageSize 5, offset 5: b5 … b9
//   next answer           b9|b10 b11 b12 b13 b14    offset 9, limit 6: b9 again, then new ones
//
// The search. When the answer does not begin there, builds before the place changed. It may
// still show the place (b9 further on: builds were started, newest first), else it lies before
// the answer (nothing in it passed: deletions) or after it (all passed). From the old place the
// search gallops, each request twice as far, until the place lies between two answers, then
// halves that gap until one answer shows it (search.ts):
//
//   0 ────────── low ······· place ······· high ────────── total
//                     ◄─4p─ ◄─2p─ ◄─p─ seam          searching back, after deletions
//   an answer with no build passed: high moves down to it; with all passed: low moves up
//   once the place lies between two answers, each request goes halfway between low and high
import { countPassed, lastOf } from './order.js';
import { narrowSearch, searchRequest, startSearch } from './search.js';
import {
  MAX_LIMIT,
  type Listed,
  type Page,
  type Place,
  type PlannerOptions,
  type PlannerState,
} from './types.js';

export type { PlannerState } from './types.js';

/** Answers in a row that may hand out nothing (while the walk looks for its place). */
const MAX_SEARCHES = 64;

export type Outcome<P> =
  /** Hand out `page` (it may have no items), then send the request `state.asked`. */
  | { kind: 'ask'; page: P; state: PlannerState }
  /** Hand out `page`; the walk is over. */
  | { kind: 'done'; page: P }
  /** The answers make no sense as one list: the walk ends with an error. */
  | { kind: 'broken'; reason: string };

export function startPlanner(
  options: PlannerOptions,
): { kind: 'ask'; state: PlannerState } | { kind: 'done' } {
  if (options.maxItems <= 0) return { kind: 'done' };
  const all = { maxLimit: MAX_LIMIT, ...options };
  const limit = Math.min(options.pageSize, options.maxItems, all.maxLimit);
  const state: PlannerState = {
    options: all,
    place: { kind: 'first' },
    asked: { offset: options.offset, limit },
    handedOut: 0,
    total: -1,
    last: undefined,
    searches: 0,
  };
  return { kind: 'ask', state };
}

/** Takes the answer to `state.asked`: what to hand out of it, and what to ask next. */
export function advancePlanner<P extends Page<Listed>>(state: PlannerState, page: P): Outcome<P> {
  const { offset } = state.asked;
  const { items, total } = page;
  const counted = countPassed(items, state.last, state.options.desc);
  if (!counted.ok) return broken(offset, counted.reason);
  if (items.length > 0 && offset + items.length > total) {
    return broken(
      offset,
      `has ${items.length} builds, past total ${total} (does the server ignore offset?)`,
    );
  }
  const { passed } = counted;
  if (state.place.kind === 'first' || showsPlace(state, page, passed)) {
    return handOutNewBuilds(state, page, passed);
  }
  if (state.searches >= MAX_SEARCHES) {
    return broken(
      offset,
      `still does not show where the walk left off (does the server ignore offset?)`,
    );
  }
  return searchOn(state, state.place, page, passed);
}

const broken = (offset: number, problem: string): { kind: 'broken'; reason: string } => ({
  kind: 'broken',
  reason: `the page at offset ${offset} ${problem}`,
});

/**
 * Whether the answer reaches the end of the list: it is shorter than asked (or than the server
 * allows), or it reaches `total`.
 */
function endsList(state: PlannerState, page: Page<Listed>): boolean {
  const { offset, limit } = state.asked;
  const n = page.items.length;
  return n < Math.min(limit, page.limit > 0 ? page.limit : limit) || offset + n >= page.total;
}

/**
 * Whether the answer shows the place: it begins with passed builds (or at the list's start),
 * and builds not passed follow, or the list ends.
 */
function showsPlace(state: PlannerState, page: Page<Listed>, passed: number): boolean {
  const start = passed > 0 || state.asked.offset === 0 || page.total === 0;
  return start && (passed < page.items.length || endsList(state, page));
}

/** Hands out up to a page of the builds after the place, and asks for the seam after them. */
function handOutNewBuilds<P extends Page<Listed>>(
  state: PlannerState,
  page: P,
  passed: number,
): Outcome<P> {
  const { pageSize, maxItems, maxLimit } = state.options;
  const n = page.items.length;
  const end = Math.min(n, passed + Math.min(pageSize, maxItems - state.handedOut));
  const offset = state.asked.offset;
  const out =
    passed === 0 && end === n && page.offset === offset
      ? page
      : {
          ...page,
          offset: offset + passed,
          count: end - passed,
          items: page.items.slice(passed, end),
        };
  const handedOut = state.handedOut + out.items.length;
  if (handedOut >= maxItems || (end === n && endsList(state, page))) {
    return { kind: 'done', page: out };
  }
  // The seam: the next answer must begin with the last build handed out.
  const at = offset + end - 1;
  const next: PlannerState = {
    ...state,
    place: { kind: 'seam' },
    asked: { offset: at, limit: Math.min(maxLimit, Math.min(pageSize, maxItems - handedOut) + 1) },
    handedOut,
    total: page.total,
    last: lastOf(state.last, out.items),
    searches: 0,
  };
  return { kind: 'ask', page: out, state: next };
}

/** The answer does not show the place: start or narrow the search, and ask where it points. */
function searchOn<P extends Page<Listed>>(
  state: PlannerState,
  place: Exclude<Place, { kind: 'first' }>,
  page: P,
  passed: number,
): Outcome<P> {
  const { pageSize, maxItems, maxLimit } = state.options;
  const want = Math.min(pageSize, maxItems - state.handedOut);
  const search =
    place.kind === 'searching'
      ? narrowSearch(place, state, page, passed)
      : startSearch(state, page, passed, want);
  const next: PlannerState = {
    ...state,
    place: search,
    asked: searchRequest(search, want, maxLimit),
    total: page.total,
    searches: state.searches + 1,
  };
  return { kind: 'ask', page: { ...page, count: 0, items: [] }, state: next };
}
