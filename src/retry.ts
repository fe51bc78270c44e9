// Retry decisions as pure functions: which outcomes to retry and how long to wait.

/** 429 and the transient 5xx are retried; every other status is final. */
export function isRetryableStatus(status: number): boolean {
  return [429, 500, 502, 503, 504].includes(status);
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP date.
 * `undefined` when absent or unreadable; a date in the past means 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface BackoffOptions {
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
}

/**
 * Delay before retry number `retry` (1-based): the server's Retry-After when it sent one, else
 * exponential backoff with full jitter, a random wait in [0, min(max, min * 2^(retry-1))).
 * Both are capped at `maxRetryDelayMs`.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  { minRetryDelayMs, maxRetryDelayMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxRetryDelayMs);
  const ceiling = Math.min(maxRetryDelayMs, minRetryDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
