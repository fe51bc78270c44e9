// Remote `$ref`s of a spec, fetched politely: the official spec is a few hundred small files, and
// Redocly asks for all of them at once, so a slow server drops some. `boundedFetch` wraps a fetch:
// at most `limit` requests in flight (body included), each retried on a network error, a
// timeout, 429 or 5xx, with a growing delay. bounded-fetch-preload.mjs installs it in the Redocly
// process that bundles a spec from a URL.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @param {typeof fetch} fetchImpl
 * @param {{ limit?: number, retries?: number, timeoutMs?: number, delayMs?: number }} [options]
 * @returns {typeof fetch}
 */
export function boundedFetch(fetchImpl, options = {}) {
  const { limit = 8, retries = 3, timeoutMs = 30_000, delayMs = 500 } = options;
  let active = 0;
  const waiting = [];
  const acquire = () =>
    active < limit ? ((active += 1), Promise.resolve()) : new Promise((r) => waiting.push(r));
  // A freed slot goes straight to the next caller in line.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  const retryable = (status) => status === 429 || status >= 500;

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
