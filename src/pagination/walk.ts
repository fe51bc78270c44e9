// The walk behind iterateBuildPages: reads the options, asks the planner what to fetch, fetches
// at most one page ahead, and links the caller's signal only while one of its requests is in
// flight. A small object of its own: `next()` takes the next step, `return()` cancels the request
// in flight at once and then ends the steps.
import { ApifyApiError, type RequestDetails } from '../errors.js';
import { WALK_OPTIONS, readOptions } from '../options.js';
import type { IterateBuildsOptions } from '../public.js';
import { redactHeaders, type Redact } from '../redact.js';
import { forwardAbort } from '../signals.js';
import type { BuildsPage } from '../types.js';
import { checkId } from '../validate.js';
import { advancePlanner, startPlanner } from './planner.js';
import type { PageRequest } from './types.js';

/**
 * A call's data with what it was sent and answered as: when the planner finds a page that makes
 * no sense as part of the list, the ApifyApiError names that response (status, attempts, path).
 */
export interface Answer<T> {
  data: T;
  /** The request after any middleware: method, path, attempts. */
  sent: RequestDetails;
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

/** A walk's pages, and the caller's signal that ends it (known once the walk has started). */
export interface PageWalk extends AsyncIterableIterator<BuildsPage, undefined> {
  readonly signal: AbortSignal | undefined;
  return(): Promise<IteratorReturnResult<undefined>>;
}

/** A request of the walk: its answer, and how to cancel it. */
interface InFlight {
  readonly answer: Promise<Answer<BuildsPage>>;
  cancel(): void;
}

const done = (): IteratorReturnResult<undefined> => ({ done: true, value: undefined });

/** The pages of a walk; bad input rejects the first `next()`, and nothing is sent. */
export function walkBuildPages(
  actorId: string,
  options: IterateBuildsOptions | undefined,
  source: WalkSource,
): PageWalk {
  let signal: AbortSignal | undefined;
  let inFlight: InFlight | undefined;
  let over = false;

  const end = (): void => {
    over = true;
    inFlight?.cancel();
  };

  // The steps, one page each; a generator runs calls of `next()` one after another, in order.
  async function* pages(): AsyncGenerator<BuildsPage, undefined> {
    try {
      checkId('actorId', actorId, source.redact);
      const { signal: given, ...planned } = readOptions(options, WALK_OPTIONS);
      signal = given;
      const send = (request: PageRequest): InFlight =>
        sendPage(source, actorId, planned.desc ? { ...request, desc: true } : request, signal);
      const first = startPlanner(planned);
      // The planner's state (with the request it asks for next) only: a page handed out is not
      // kept past its turn.
      let plan = first.kind === 'ask' ? first.state : undefined;
      while (plan) {
        signal?.throwIfAborted();
        const pending = (inFlight ??= send(plan.asked));
        let answer: Answer<BuildsPage>;
        try {
          answer = await pending.answer;
        } catch (error) {
          // `return()` cancelled it: the pending `next()` is simply done.
          if (over) return;
          throw error;
        }
        const outcome = advancePlanner(plan, answer.data);
        if (outcome.kind === 'broken') {
          throw new ApifyApiError({
            ...answer.sent,
            status: answer.status,
            headers: redactHeaders(answer.headers, source.redact),
            message: outcome.reason,
          });
        }
        plan = outcome.kind === 'ask' ? outcome.state : undefined;
        // The next page is fetched while the consumer works on this one.
        inFlight = plan && send(plan.asked);
        if (outcome.page.items.length > 0) {
          signal?.throwIfAborted();
          yield outcome.page;
        }
      }
      // Aborted after the last page: the first `next()` after the abort still rejects.
      signal?.throwIfAborted();
    } finally {
      end();
    }
  }

  const steps = pages();
  const walk: PageWalk = {
    get signal() {
      return signal;
    },
    next: () => steps.next(),
    // Ends the request that a pending `next()` waits for at once, instead of queueing behind it.
    return() {
      end();
      return steps.return(undefined).then(done);
    },
    [Symbol.asyncIterator]: () => walk,
  };
  return walk;
}

/** Sends one request of a walk, with the caller's signal linked until it settles. */
function sendPage(
  source: WalkSource,
  actorId: string,
  query: PageRequest & { desc?: boolean },
  signal: AbortSignal | undefined,
): InFlight {
  const controller = new AbortController();
  // Linked for this request only: a walk left alone between requests holds no listener.
  const unlink = forwardAbort(signal, controller);
  const answer = source.getPage(actorId, query, controller.signal);
  answer.finally(unlink).catch(() => {});
  return {
    answer,
    cancel() {
      unlink();
      controller.abort();
    },
  };
}
