// The fetch that openapi-fetch calls: per-attempt timeout, the caller's abort, retries with
// backoff. Each response body is read inside its attempt, so a hang or reset mid-body is a
// timeout or network error that can be retried, and the caller's abort works while it is read.
import { ApifyNetworkError, ApifyTimeoutError } from './errors.js';
import { redactError, type Redact } from './redact.js';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry.js';
import { forwardAbort, raceAbort, sleep } from './signals.js';

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** Keeps the token out of the errors' paths and causes. */
  redact: Redact;
}

/**
 * One call as the transport reports it back to the caller that passed it: the request it sent
 * (after any middleware) and how many attempts it took. `signal` is the caller's, if any.
 */
export interface Exchange {
  method: string;
  path: string;
  attempts: number;
  signal?: AbortSignal | undefined;
}

/** Sends a request with timeouts and retries; fills in `exchange` when one is given. */
export type Send = (request: Request, exchange?: Exchange) => Promise<Response>;

const CALLER_SIGNAL = Symbol('callerSignal');
type CarriesSignal = Request & { [CALLER_SIGNAL]?: AbortSignal | null | undefined };

/**
 * A Request class for openapi-fetch that keeps the caller's signal aside instead of linking it
 * into the Request: Node's Request would leave an `abort` listener on it until garbage collection.
 */
export function createRequestClass(): typeof Request {
  return class extends Request {
    // openapi-fetch accepts a middleware's replacement only if it passes `instanceof` this class.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }
    constructor(input: Request | string | URL, init?: RequestInit) {
      const { signal, ...rest } = init ?? {};
      super(input, rest);
      (this as CarriesSignal)[CALLER_SIGNAL] = signal;
    }
  };
}

/**
 * Where a response this transport made keeps the bytes behind it, so a caller handed that very
 * response can decode them directly; a response a middleware made in its place has none (read
 * its body).
 */
export const BYTES = Symbol('bytes');
export type KeepsBytes = Response & { [BYTES]?: ArrayBuffer };

/**
 * The fetch behind every call. Each body is read as bytes inside its attempt and handed on in
 * a fresh Response, so whoever reads it (openapi-fetch, a middleware) decodes it only once.
 */
export function createTransport(options: TransportOptions): Send {
  const { timeoutMs, maxRetries, redact, fetch: baseFetch } = options;
  const native = baseFetch === globalThis.fetch;

  // Without an Exchange of the caller's, one of its own: the errors take their details from it.
  return async function send(request, exchange = {} as Exchange): Promise<Response> {
    // Our Request class keeps the caller's signal (or undefined) aside; another has its own.
    const caller =
      exchange.signal ??
      (CALLER_SIGNAL in request ? (request as CarriesSignal)[CALLER_SIGNAL] : request.signal);
    caller?.throwIfAborted();
    const url = request.url;
    const method = (exchange.method = request.method);
    exchange.path = redact(new URL(url).pathname);
    const { headers, redirect, credentials, cache, mode, referrerPolicy, integrity, keepalive } =
      request;
    const init: RequestInit = {
      method,
      // What the caller or a middleware set on the request, e.g. `credentials` in a browser
      // (spread in: Node's RequestInit type lacks `cache`, which its fetch takes all the same).
      ...{ headers, redirect, credentials, cache, mode, referrerPolicy, integrity, keepalive },
      // Read once, sent again by each attempt.
      body: request.body && (await request.arrayBuffer()),
    };

    for (let attempts = 1; ; attempts += 1) {
      exchange.attempts = attempts;
      const controller = new AbortController();
      const signal = controller.signal;
      let timeout: ApifyTimeoutError | undefined;
      const timer = setTimeout(
        () => controller.abort((timeout = new ApifyTimeoutError({ ...exchange, timeoutMs }))),
        timeoutMs,
      );
      const unlink = forwardAbort(caller, controller);
      let response: Response | undefined;
      let failure: unknown;
      try {
        const answered = native
          ? baseFetch(url, { ...init, signal })
          : // A Request, as openapi-fetch itself passes to fetch, so an injected fetch sees the same.
            baseFetch(new Request(url, { ...init, signal }));
        let answer: Response | undefined;
        // A response without a body (204 ...) reads as no bytes.
        const read = answered.then((got) => (answer = got).arrayBuffer());
        // The runtime's own fetch settles as soon as the signal aborts, body reads included; an
        // injected one might be slow to notice, so the caller does not wait for it.
        const body = await (native ? read : raceAbort(read, signal));
        // The bytes already read, as a body stream: much cheaper than `new Response(body)`, which
        // copies them and sets up a byte stream; the reader (openapi-fetch, a middleware) decodes
        // once. Status, status text and headers are the answer's.
        response = new Response(
          body.byteLength
            ? new ReadableStream({
                pull(stream) {
                  stream.enqueue(new Uint8Array(body));
                  stream.close();
                },
              })
            : null,
          answer,
        );
        Object.defineProperty(response, 'url', { value: answer!.url });
        (response as KeepsBytes)[BYTES] = body;
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        // The cause chain may quote what the server sent, e.g. a redirect's raw Location.
        failure = timeout ?? new ApifyNetworkError(exchange, redactError(error, redact));
      } finally {
        clearTimeout(timer);
        unlink();
      }
      if (attempts > maxRetries || (response && !isRetryableStatus(response.status))) {
        if (response) return response;
        throw failure;
      }
      const retryAfter = parseRetryAfter(response?.headers.get('retry-after'), Date.now());
      await sleep(retryDelay(attempts, retryAfter, options), caller);
    }
  };
}
