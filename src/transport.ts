// The fetch that openapi-fetch calls: per-attempt timeout, the caller's abort, retries with
// backoff. Each response body is read inside its attempt, so a hang or reset mid-body is a
// timeout or network error that can be retried, and the caller's abort works while it is read.
import { ApifyNetworkError, ApifyTimeoutError, type RequestDetails } from './errors.js';
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
 * What the transport returns for a request: the request as it was sent (method, redacted path)
 * and how many attempts it took, beside the last answer, its body already read.
 */
export interface Exchange extends RequestDetails {
  response: Response;
}

/**
 * Sends a request with timeouts and retries and returns what it sent and received. `caller` is
 * the caller's signal, given here rather than linked into the Request (see request.ts).
 */
export type Send = (request: Request, caller: AbortSignal | null | undefined) => Promise<Exchange>;

/**
 * The fetch behind every call. Each body is read inside its attempt and handed on in a fresh
 * Response over the chunks already read.
 */
export function createTransport(options: TransportOptions): Send {
  const { timeoutMs, maxRetries, redact, fetch: baseFetch } = options;
  const native = baseFetch === globalThis.fetch;

  return async function send(request, caller) {
    caller?.throwIfAborted();
    const url = request.url;
    const method = request.method;
    // What the errors say about the request; `attempts` counts up.
    const sent = { method, path: redact(new URL(url).pathname), attempts: 1 };
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

    for (; ; sent.attempts += 1) {
      const controller = new AbortController();
      const signal = controller.signal;
      let timeout: ApifyTimeoutError | undefined;
      const timer = setTimeout(
        () => controller.abort((timeout = new ApifyTimeoutError({ ...sent, timeoutMs }))),
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
        const read = answered.then((got) => readAll((answer = got).body));
        // The runtime's own fetch settles as soon as the signal aborts, body reads included; an
        // injected one might be slow to notice, so the caller does not wait for it.
        const chunks = await (native ? read : raceAbort(read, signal));
        // The chunks already read, as a body stream for whoever reads the response (openapi-fetch,
        // a middleware): cheaper than `new Response(bytes)`, which copies them and sets up a byte
        // stream. Status, status text and headers are the answer's.
        response = new Response(
          chunks.length
            ? new ReadableStream({
                pull(stream) {
                  for (const chunk of chunks) stream.enqueue(chunk);
                  stream.close();
                },
              })
            : null,
          answer,
        );
        Object.defineProperty(response, 'url', { value: answer!.url });
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        // The cause chain may quote what the server sent, e.g. a redirect's raw Location.
        failure = timeout ?? new ApifyNetworkError(sent, redactError(error, redact));
      } finally {
        clearTimeout(timer);
        unlink();
      }
      if (sent.attempts > maxRetries || (response && !isRetryableStatus(response.status))) {
        if (response) return { ...sent, response };
        throw failure;
      }
      const retryAfter = parseRetryAfter(response?.headers.get('retry-after'), Date.now());
      await sleep(retryDelay(sent.attempts, retryAfter, options), caller);
    }
  };
}

/**
 * The whole body, as the chunks it came in: never joined, one large copy fewer than
 * `arrayBuffer()`. A response without a body (204 ...) has none.
 */
async function readAll(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = body?.getReader();
  if (reader)
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      chunks.push(chunk.value);
  return chunks;
}
