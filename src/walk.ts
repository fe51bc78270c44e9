// The walks behind iterateBuildPages and iterateBuilds: options, one page fetched ahead at most,
// and the caller's signal linked only while one of the walk's requests is in flight.
import type { IterateBuildsOptions } from './public.js';
import { redactHeaders, type Redact } from './redact.js';
import { ApifyApiError } from './errors.js';
import { MAX_LIMIT, advanceWalk, startWalk, type PageRequest } from './paginate.js';
import { forwardAbort } from './signals.js';
import type { Exchange } from './transport.js';
import type { BuildShort, BuildsPage } from './types.js';
import { WALK_OPTIONS, checkId, checkOptions } from './validate.js';

/**
 * A call's data with what it was sent and answered as: when the planner finds a page that makes
 * no sense as part of the list, the ApifyApiError names that response (status, attempts, path).
 */
export interface Answer<T> {
  data: T;
  exchange: Exchange;
  status: number;
  headers: Headers;
}

/** What a walk needs of the client: pages, and the redaction for errors about them. */
export interface WalkSource {
  /** Fetches one page of the walk; `desc` is sent only when true. */
  getPage(
    actorId: string,
    query: { offset: number; limit: number; desc?: boolean },
    signal: AbortSignal,
  ): Promise<Answer<BuildsPage>>;
  redact: Redact;
}

/** A walk's pages, and the caller's signal that ends it. */
export interface PageWalk extends AsyncGenerator<BuildsPage, undefined> {
  signal?: AbortSignal | undefined;
}

/** The pages of a walk; bad input rejects the first `next()`, and nothing is sent. */
export function walkBuildPages(
  actorId: string,
  options: IterateBuildsOptions | undefined,
  { getPage, redact }: WalkSource,
): PageWalk {
  let signal: AbortSignal | undefined;
  let desc: boolean | undefined;
  let left = false;
  type Request = {
    answer: Promise<Answer<BuildsPage>>;
    controller: AbortController;
    unlink(): void;
  };
  let inFlight: Request | undefined;

  const send = (request: PageRequest): Request => {
    const controller = new AbortController();
    // Linked for this request only: a walk left alone between requests holds no listener.
    const unlink = forwardAbort(signal, controller);
    const answer = getPage(actorId, desc ? { ...request, desc } : request, controller.signal);
    answer.finally(unlink).catch(() => {});
    return { answer, controller, unlink };
  };

  const leave = (): void => {
    left = true;
    inFlight?.unlink();
    inFlight?.controller.abort();
  };

  async function* run(): AsyncGenerator<BuildsPage, undefined> {
    try {
      checkId('actorId', actorId, redact);
      const given = checkOptions('options', options, WALK_OPTIONS);
      pages.signal = signal = given.signal;
      desc = given.desc;
      const start = startWalk({
        offset: given.offset ?? 0,
        pageSize: given.pageSize ?? MAX_LIMIT,
        desc: !!desc,
        maxItems: given.maxItems ?? Number.MAX_SAFE_INTEGER,
      });
      // The request and the planner's walk only: a page handed out is not kept past its turn.
      let ask = start.kind === 'ask' ? { request: start.request, walk: start.walk } : undefined;
      while (ask) {
        signal?.throwIfAborted();
        inFlight ??= send(ask.request);
        let answer: Answer<BuildsPage>;
        try {
          answer = await inFlight.answer;
        } catch (error) {
          // `return()` cancelled it: the pending `next()` is simply done.
          if (left) return;
          throw error;
        }
        const step = advanceWalk(ask.walk, answer.data);
        if (step.kind === 'broken') {
          const { exchange, status, headers } = answer;
          throw new ApifyApiError({
            ...{ method: exchange.method, path: exchange.path, attempts: exchange.attempts },
            status,
            headers: redactHeaders(headers, redact),
            message: step.reason,
          });
        }
        // The next page is fetched while the consumer works on this one.
        inFlight = step.kind === 'ask' ? send(step.request) : undefined;
        ask = step.kind === 'ask' ? { request: step.request, walk: step.walk } : undefined;
        if (step.page.items.length > 0) {
          signal?.throwIfAborted();
          yield step.page;
        }
      }
      // Aborted after the last page: the first `next()` after the abort still rejects.
      signal?.throwIfAborted();
    } finally {
      leave();
    }
  }

  const pages: PageWalk = run();
  // `return()` first ends the request that a pending `next()` waits for, instead of queueing
  // behind it.
  const close = pages.return.bind(pages);
  pages.return = () => {
    leave();
    return close(undefined);
  };
  return pages;
}

/**
 * Items of each page in turn; the caller's abort ends it, even with items at hand. A build at
 * hand costs one settled promise; calls that wait for a page run one after another, in order.
 */
export function walkBuilds(pages: PageWalk): AsyncIterableIterator<BuildShort> {
  let items: readonly BuildShort[] = [];
  let index = 0;
  let waiting = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const step = async (): Promise<IteratorResult<BuildShort, undefined>> => {
    while (index >= items.length) {
      const page = await pages.next();
      if (page.done) return page;
      [items, index] = [page.value.items, 0];
    }
    // The page walk knows the caller's signal once it has started.
    if (pages.signal?.aborted) {
      items = [];
      void pages.return(undefined);
      throw pages.signal.reason;
    }
    return { done: false, value: items[index++]! };
  };
  const iterator: AsyncIterableIterator<BuildShort> = {
    next() {
      if (waiting === 0 && index < items.length && !pages.signal?.aborted) {
        return Promise.resolve({ done: false, value: items[index++]! });
      }
      waiting += 1;
      const result = tail.then(step).finally(() => (waiting -= 1));
      tail = result.catch(() => {});
      return result;
    },
    return() {
      items = [];
      // Always `{ done: true, value: undefined }`: the page walk returns nothing.
      return pages.return(undefined) as Promise<IteratorReturnResult<undefined>>;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
