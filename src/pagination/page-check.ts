// Checks a page of builds before anyone uses it: a 2xx with a malformed page is the server's
// mistake, reported as an ApifyApiError instead of handing `null` to the caller or asking for
// `offset=NaN` next.

const COUNTS = ['total', 'offset', 'count', 'limit'] as const;

/** What is wrong with `data` as a page answering a request for `requestedOffset`, if anything. */
export function pageProblem(
  data: Record<string, unknown>,
  requestedOffset: number,
): string | undefined {
  const { items, count, offset } = data;
  for (const key of COUNTS) {
    const value = data[key];
    // `1e400` parses to Infinity: a total like that would make the next offset NaN.
    if (!Number.isSafeInteger(value) || Number(value) < 0)
      return `data.${key} is not an integer >= 0`;
  }
  if (!Array.isArray(items)) return 'data.items is not an array';
  for (let i = 0; i < items.length; i += 1) {
    const item: unknown = items[i];
    // Of JSON values only objects can have an `id`.
    if (!(
      typeof item === 'object' &&
      item !== null &&
      'id' in item &&
      typeof item.id === 'string'
    )) {
      return `data.items[${i}] is not a build with a string id`;
    }
  }
  if (count !== items.length) {
    return `data.count is ${String(count)} where data.items has ${items.length}`;
  }
  if (offset !== requestedOffset) {
    // A proxy that drops the query string makes every page the first one.
    return `data.offset is ${String(offset)} where offset ${requestedOffset} was requested`;
  }
  return undefined;
}
