// The walk behind iterateBuilds: the builds of each page of a page walk in turn.
import type { BuildShort } from '../types.js';
import type { PageWalk } from './walk.js';

/**
 * Items of each page in turn; the caller's abort ends it, even with items at hand. A build at
 * hand costs one settled promise; calls that wait for a page run one after another, in order.
 */
export function walkBuilds(pages: PageWalk): AsyncIterableIterator<BuildShort, undefined> {
  let items: readonly BuildShort[] = [];
  let index = 0;
  let waiting = 0;
  // The page walk knows the caller's signal once it has started: read once a page has come.
  let signal: AbortSignal | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  const step = async (): Promise<IteratorResult<BuildShort, undefined>> => {
    while (index >= items.length) {
      // The builds handed out are not held while the next page is read and parsed.
      items = [];
      const page = await pages.next();
      if (page.done) return page;
      items = page.value.items;
      index = 0;
      signal = pages.signal;
    }
    if (signal?.aborted) {
      items = [];
      void pages.return();
      throw signal.reason;
    }
    return { done: false, value: items[index++]! };
  };
  const iterator: AsyncIterableIterator<BuildShort, undefined> = {
    next() {
      if (waiting === 0 && index < items.length && !signal?.aborted) {
        return Promise.resolve({ done: false, value: items[index++]! });
      }
      waiting += 1;
      const result = tail.then(step).finally(() => (waiting -= 1));
      tail = result.catch(() => {});
      return result;
    },
    return() {
      items = [];
      return pages.return();
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
