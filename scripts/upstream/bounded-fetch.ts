// Remote `$ref`s of a spec, fetched politely: the official spec is a few hundred small files, and
// Redocly asks for all of them at once, so a slow server drops some. `boundedFetch` wraps a fetch:
// at most `limit` requests in flight (body included), each retried on a network error, a
// timeout, 429 or 5xx, with a growing delay. bounded-fetch-preload.ts installs it in the Redocly
// process that bundles a spec from a URL.
import { setTimeout as sleep } from 'node:timers/promises';

export interface BoundedFetchOptions {
  /** Requests in flight at most. */
  limit?: number;
  /** Retries of one request after its first attempt. */
  retries?: number;
  /** Milliseconds one attempt may take. */
  timeoutMs?: number;
  /** The delay before the first retry, doubled for each further one. */
  delayMs?: number;
}

const retryable = (status: number) => status === 429 || status >= 500;

export function boundedFetch(
  fetchImpl: typeof fetch,
  options: BoundedFetchOptions = {},
): typeof fetch {
  const { limit = 8, retries = 3, timeoutMs = 30_000, delayMs = 500 } = options;
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = () => {
    if (active < limit) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A freed slot goes straight to the next caller in line.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  return async function fetchWithBounds(input, init = {}) {
    await acquire();
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          const signal = AbortSignal.timeout(timeoutMs);
          const response = await fetchImpl(input, { ...init, signal });
          if (retryable(response.status) && attempt < retries) {
            await response.body?.cancel();
          } else {
            // The body is read inside the slot: a request is in flight until its body is in.
            const body = await response.arrayBuffer();
            const { status, statusText, headers } = response;
            return new Response(status === 204 || status === 304 ? null : body, {
              status,
              statusText,
              headers,
            });
          }
        } catch (error) {
          if (attempt >= retries) throw error;
        }
        await sleep(delayMs * 2 ** attempt);
      }
    } finally {
      release();
    }
  };
}
