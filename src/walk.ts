// The walks behind iterateBuildPages and iterateBuilds: options, one page fetched ahead at most,
// and the caller's signal linked only while one of the walk's requests is in flight.
import type { IterateBuildsOptions } from './public.js';
import type { Redact } from './redact.js';
import { ApifyApiError } from './errors.js';
import { MAX_LIMIT, advanceWalk, startWalk, type PageRequest, type WalkState } from './paginate.js';
import { forwardAbort } from './signals.js';
import type { BuildShort, BuildsPage } from './types.js';
import { WALK_OPTIONS, checkId, checkOptions } from './validate.js';

/** What a walk needs of the client: pages, the list path (for errors) and the redaction. */
export interface WalkSource {
  /** Fetches one page of the walk; `desc` is sent only when true. */
  getPage(
    actorId: string,
    query: { offset: number; limit: number; desc?: boolean },
    signal: AbortSignal,
  ): Promise<BuildsPage>;
  /** Computed only once the actorId has been checked. */
  listPath(actorId: string): string;
  redact: Redact;
}

/** Runs the calls of `step` one after another, each after the previous one has settled. */
function serial<T>(step: () => Promise<T>): () => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return () => {
    const result = tail.then(step);
    tail = result.catch(() => {});
    return result;
  };
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

interface PageWalk extends AsyncIterableIterator<BuildsPage> {
  readonly signal: AbortSignal | undefined;
  return(): Promise<IteratorResult<BuildsPage, undefined>>;
}

/**
 * The pages of a walk. Hand-written rather than an async generator, so `return()` can cancel a
 * request that a pending `next()` waits for, instead of queueing behind it.
 */
export function walkBuildPages(
  actorId: string,
  options: IterateBuildsOptions | undefined,
  { getPage, listPath, redact }: WalkSource,
): PageWalk {
  let signal: AbortSignal | undefined;
  let desc = false;
  let state!: WalkState<BuildShort>;
  // Bad input rejects the first `next()`; nothing is sent.
  let problem: [unknown] | undefined;
  try {
    checkId('actorId', actorId, redact);
    const given = checkOptions('options', options, WALK_OPTIONS);
    signal = given.signal;
    desc = given.desc === true;
    state = startWalk({
      offset: given.offset ?? 0,
      pageSize: given.pageSize ?? MAX_LIMIT,
      desc,
      maxItems: given.maxItems ?? Number.MAX_SAFE_INTEGER,
    });
  } catch (error) {
    problem = [error];
  }
  let finished = false;
  let inFlight:
    { answer: Promise<BuildsPage>; controller: AbortController; unlink: () => void } | undefined;

  const send = (request: PageRequest): void => {
    const controller = new AbortController();
    // Linked for this request only: a walk left alone between requests holds no listener.
    const unlink = forwardAbort(signal, controller);
    const query = desc ? { ...request, desc: true } : request;
    const answer = getPage(actorId, query, controller.signal).finally(unlink);
    // Awaited by the next `next()`, or never when the walk is left: no unhandled rejection.
    answer.catch(() => {});
    inFlight = { answer, controller, unlink };
  };

  const finish = (): void => {
    finished = true;
    inFlight?.unlink();
    inFlight?.controller.abort(new Error('the walk was left'));
    inFlight = undefined;
  };

  async function step(): Promise<IteratorResult<BuildsPage, undefined>> {
    for (;;) {
      if (finished) return DONE;
      if (problem) {
        finished = true;
        throw problem[0];
      }
      if (signal?.aborted) {
        finish();
        throw signal.reason;
      }
      if (inFlight === undefined) {
        if (state.next === undefined) {
          finished = true;
          return DONE;
        }
        send(state.next);
      }
      let page: BuildsPage;
      try {
        page = await inFlight!.answer;
      } catch (error) {
        if (finished) return DONE;
        finish();
        throw error;
      }
      if (finished) return DONE;
      inFlight = undefined;
      let out: BuildsPage;
      try {
        ({ state, page: out } = advanceWalk(state, page));
      } catch (error) {
        // The planner throws only when the server's pages make no sense as a list.
        finish();
        throw new ApifyApiError({
          status: 200,
          method: 'GET',
          path: listPath(actorId),
          attempts: 1,
          message: (error as Error).message,
        });
      }
      // The next page is fetched while the consumer works on this one.
      if (state.next !== undefined) send(state.next);
      if (out.items.length > 0) {
        if (signal?.aborted) continue;
        return { done: false, value: out };
      }
    }
  }

  const iterator: PageWalk = {
    signal,
    // Calls of `next()` that overlap run one after another, so pages keep their order.
    next: serial(step),
    return() {
      finish();
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Items of each page in turn. Items already in memory are handed out without a page round trip
 * each; calls that overlap share one page load, so items still come once each and in order.
 */
export function walkBuilds(pages: PageWalk): AsyncIterableIterator<BuildShort> {
  const signal = pages.signal;
  let items: BuildShort[] = [];
  let index = 0;
  let done = false;
  // The caller's abort ends the walk: nothing more is handed out, not even items at hand.
  const stop = (): Promise<never> => {
    done = true;
    items = [];
    void pages.return();
    return Promise.reject(signal!.reason);
  };
  const step = async (): Promise<IteratorResult<BuildShort, undefined>> => {
    while (index >= items.length) {
      if (done) return DONE;
      // Steps run one at a time, so one page load serves them all.
      const page = await pages.next();
      if (page.done) done = true;
      else [items, index] = [page.value.items, 0];
    }
    if (signal?.aborted) return stop();
    return { done: false, value: items[index++]! };
  };
  // Calls that must wait for a page run one after another, so results keep the call order.
  const queued = serial(step);
  let waiting = 0;
  const iterator: AsyncIterableIterator<BuildShort> = {
    next(): Promise<IteratorResult<BuildShort, undefined>> {
      if (signal?.aborted && !done) return stop();
      // A build already at hand costs one settled promise and nothing more.
      if (waiting === 0 && index < items.length) {
        return Promise.resolve({ done: false, value: items[index++]! });
      }
      waiting += 1;
      return queued().finally(() => {
        waiting -= 1;
      });
    },
    async return(): Promise<IteratorResult<BuildShort, undefined>> {
      done = true;
      items = [];
      await pages.return();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
