// The fetch that openapi-fetch calls: per-attempt timeout, the caller's abort, retries with
// backoff. Each response body is read inside its attempt, so a hang or reset mid-body is a
// timeout or network error that can be retried, and the caller's abort works while it is read.
import { ApifyNetworkError, ApifyTimeoutError, type RequestDetails } from './errors.js';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry.js';
import { forwardAbort, raceAbort, sleep } from './signals.js';

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
}

/** The request (method, path, attempts) behind each response the transport returned. */
export const requestOf = new WeakMap<Response, RequestDetails>();

/**
 * The body of each response a text transport returned. Such a response has no body of its own:
 * the text is decoded once, and no second stream is built around bytes already read.
 */
export const textOf = new WeakMap<Response, string>();

const CALLER_SIGNAL = Symbol('callerSignal');
type CarriesSignal = Request & { [CALLER_SIGNAL]?: AbortSignal | undefined };

/**
 * A Request class for openapi-fetch that keeps the caller's signal aside instead of linking it
 * into the Request: Node's Request would leave an `abort` listener on it until garbage collection.
 */
export function createRequestClass(): typeof Request {
  return class extends Request {
    constructor(input: Request | string | URL, init?: RequestInit) {
      const { signal, ...rest } = init ?? {};
      super(input, rest);
      (this as CarriesSignal)[CALLER_SIGNAL] = signal ?? undefined;
    }
  };
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

type Outcome = { response: Response } | { error: ApifyTimeoutError | ApifyNetworkError };

/**
 * With `text: true`, each body is decoded to text once and kept in `textOf`, for callers that
 * parse it themselves; otherwise the response carries its body, as fetch would.
 */
export function createTransport(
  options: TransportOptions,
  { text = false }: { text?: boolean } = {},
): (request: Request) => Promise<Response> {
  const { timeoutMs, maxRetries } = options;
  const baseFetch = options.fetch;
  const native = baseFetch === globalThis.fetch;

  async function attempt(
    url: string,
    init: RequestInit,
    details: { method: string; path: string; attempts: number },
    caller: AbortSignal | undefined,
  ): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new ApifyTimeoutError({ ...details, timeoutMs }));
    }, timeoutMs);
    const unlink = forwardAbort(caller, controller);
    try {
      const signal = controller.signal;
      const answered = native
        ? baseFetch(url, { ...init, signal })
        : // A Request, as openapi-fetch itself passes to fetch, so an injected fetch sees the same.
          baseFetch(new Request(url, { ...init, signal }));
      const read = answered.then(async (response) => {
        if (NULL_BODY_STATUSES.has(response.status)) return { response, body: null };
        return { response, body: text ? await response.text() : await response.arrayBuffer() };
      });
      // The runtime's own fetch settles as soon as the signal aborts, body reads included; an
      // injected one might be slow to notice, so the caller does not wait for it.
      const received = await (native ? read : raceAbort(read, signal));
      const { response, body } = received;
      const copy = new Response(typeof body === 'string' ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      if (typeof body === 'string') textOf.set(copy, body);
      if (response.url) Object.defineProperty(copy, 'url', { value: response.url });
      return { response: copy };
    } catch (error) {
      if (caller?.aborted) throw caller.reason;
      if (timedOut) return { error: new ApifyTimeoutError({ ...details, timeoutMs }) };
      return { error: new ApifyNetworkError(details, error) };
    } finally {
      clearTimeout(timer);
      unlink();
    }
  }

  return async function send(request: Request): Promise<Response> {
    // Our Request class keeps the caller's signal (or undefined) aside; another has its own.
    const caller =
      CALLER_SIGNAL in request ? (request as CarriesSignal)[CALLER_SIGNAL] : request.signal;
    caller?.throwIfAborted();
    const method = request.method;
    const path = new URL(request.url).pathname;
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const init: RequestInit = { method, headers: request.headers, redirect: request.redirect };
    if (body !== undefined) init.body = body;

    for (let attempts = 1; ; attempts += 1) {
      const outcome = await attempt(request.url, init, { method, path, attempts }, caller);
      const last = attempts > maxRetries;
      let waitMs: number;
      if ('response' in outcome) {
        const { response } = outcome;
        if (last || !isRetryableStatus(response.status)) {
          requestOf.set(response, { method, path, attempts });
          return response;
        }
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        waitMs = retryDelay(attempts, retryAfter, options);
      } else {
        if (last) throw outcome.error;
        waitMs = retryDelay(attempts, undefined, options);
      }
      await sleep(waitMs, caller);
    }
  };
}
