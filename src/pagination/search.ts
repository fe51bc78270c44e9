// Finding the walk's place again when a seam did not begin with the last build handed out: the
// builds before the place changed, so the place moved back (deletions) or on (newest first,
// starts). The search gallops from the old place, twice as far each time, until the place lies
// between two answers, then halves that gap, until one answer shows it. See planner.ts.
import type { Page, PageRequest, Listed, PlannerState, Search } from './types.js';

/**
 * The search that starts when the seam did not show the place: no build of `page` passed (the
 * place moved back), or all of them (newest first, it moved on). The change of `total` is the
 * first guess of how far; without one, a page back (or a page on).
 */
export function startSearch(
  state: PlannerState,
  page: Page<Listed>,
  passed: number,
  /** Builds the page after the place should hand out. */
  want: number,
): Search {
  const at = state.asked.offset;
  const moved = page.total - state.total;
  const { pageSize, maxLimit } = state.options;
  if (passed > 0) {
    const low = at + page.items.length;
    return {
      kind: 'searching',
      low,
      high: page.total,
      step: Math.max(1, at + 1 + moved - low),
      back: false,
    };
  }
  const high = Math.min(at, page.total);
  const fall = high - (at + 1 + Math.min(0, moved));
  // The first window reaches as far back as `total` fell, and a page back when that fits in one
  // request beside a page to hand out.
  const fits = pageSize + want <= maxLimit;
  const step = Math.max(1, fall, fits || moved >= 0 ? pageSize - 1 : 0);
  return { kind: 'searching', low: 0, high, step, back: true };
}

/**
 * Narrows `search` by an answer that passed no build (the place is before it) or all of them
 * (after it). A bound of an older answer that this one contradicts is dropped: the list changed,
 * and the search starts again from this answer, a page at a time.
 */
export function narrowSearch(
  search: Search,
  state: PlannerState,
  page: Page<Listed>,
  passed: number,
): Search {
  const { low, high, step, back } = search;
  const { pageSize } = state.options;
  if (passed === 0) {
    const top = Math.min(state.asked.offset, page.total);
    return low > top
      ? { kind: 'searching', low: 0, high: top, step: pageSize, back: true }
      : {
          kind: 'searching',
          low,
          high: top,
          step: back ? widen(step, pageSize) : 0,
          back,
        };
  }
  const bottom = state.asked.offset + page.items.length;
  return high < bottom
    ? { kind: 'searching', low: bottom, high: page.total, step: pageSize, back: false }
    : {
        kind: 'searching',
        low: bottom,
        high,
        step: back ? 0 : widen(step, pageSize),
        back,
      };
}

/** The next step while the place is on one side only: twice as far, and at least a page. */
const widen = (step: number, pageSize: number): number => Math.max(step * 2, pageSize);

/**
 * The request that looks for the place in [low, high] and has room for `want` builds after it:
 * one window over all of it when that fits, else one a step from the bound it leaves, or, once
 * the place lies between two answers, halfway.
 */
export function searchRequest(
  { low, high, step, back }: Search,
  want: number,
  maxLimit: number,
): PageRequest {
  const at =
    high - Math.max(0, low - 1) + want <= maxLimit
      ? low
      : step === 0
        ? low + Math.floor((high - low) / 2)
        : back
          ? Math.max(low, high - step)
          : Math.min(high, low + step);
  const offset = Math.max(0, at - 1);
  return { offset, limit: Math.min(maxLimit, high + want - offset) };
}
