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
  const text = value?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only a date has letters; Date.parse would also take `-1` for one.
  const wait = /[a-z]/i.test(text) ? Date.parse(text) - now : NaN;
  return Number.isNaN(wait) ? undefined : Math.max(0, wait);
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
  // The backoff is below the cap already; only a Retry-After may need capping.
  return Math.min(
    maxRetryDelayMs,
    retryAfterMs ??
      Math.floor(random() * Math.min(maxRetryDelayMs, minRetryDelayMs * 2 ** (retry - 1))),
  );
}
