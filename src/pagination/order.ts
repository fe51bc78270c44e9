// The list's order as the planner reads it: builds by startedAt, oldest first (newest first when
// `desc`). Builds that share a startedAt are told apart by id; this assumes only that the server
// lists them in the same order in every answer, whatever that order is.
import type { LastHandedOut, Listed } from './types.js';

/**
 * Instants as the API writes them (UTC, milliseconds) on days that every such month has: in this
 * form text sorts like the instants themselves, and no date needs parsing.
 */
const SORTABLE =
  /^\d{4}-((0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * startedAt as text that sorts in list order (oldest first), or undefined when it is not a date.
 * Other forms are parsed and written in the form above; years past 9999 have no RFC 3339 form.
 */
export function sortKey(item: Listed): string | undefined {
  const at = item.startedAt;
  if (typeof at !== 'string') return undefined;
  if (SORTABLE.test(at)) return at;
  const time = Date.parse(at);
  const key = Number.isNaN(time) ? '' : new Date(time).toISOString();
  return key.length === 24 ? key : undefined;
}

/** Whether sort key `a` comes before `b` in walk order. */
const precedes = (a: string, b: string, desc: boolean): boolean => (desc ? a > b : a < b);

/** How many builds at the start of a page the walk has passed, or what is wrong with the page. */
export type Passed =
  { readonly ok: true; readonly passed: number } | { readonly ok: false; readonly reason: string };

/**
 * How many of `items` the walk has passed (they begin the page): those before the last build
 * handed out, and those handed out with its startedAt. Wrong: a build without a valid startedAt,
 * or builds out of order. A build that shares the last one's startedAt but was not handed out is
 * passed when one that was comes after it: the server lists such builds in one order, so it lies
 * before the walk's start.
 */
export function countPassed(
  items: readonly Listed[],
  last: LastHandedOut | undefined,
  desc: boolean,
): Passed {
  let passed = 0;
  let previous: string | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const key = sortKey(item);
    if (key === undefined) {
      return { ok: false, reason: `has a build without a valid startedAt at items[${i}]` };
    }
    if (previous !== undefined && precedes(key, previous, desc)) {
      return { ok: false, reason: `is not in startedAt order at items[${i}]` };
    }
    previous = key;
    if (last && (precedes(key, last.key, desc) || (key === last.key && last.ids.has(item.id)))) {
      passed = i + 1;
    }
  }
  return { ok: true, passed };
}

/**
 * The last build of `handedOut` (not empty, every startedAt valid), with the ids handed out with
 * its startedAt, those of `previous` included.
 */
export function lastOf(
  previous: LastHandedOut | undefined,
  handedOut: readonly Listed[],
): LastHandedOut {
  let i = handedOut.length - 1;
  const key = sortKey(handedOut[i]!) ?? '';
  const ids = new Set(previous?.key === key ? previous.ids : []);
  for (; i >= 0 && sortKey(handedOut[i]!) === key; i -= 1) ids.add(handedOut[i]!.id);
  return { key, ids };
}
