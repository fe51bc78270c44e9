// The retry decisions as pure functions, without I/O.
import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelay } from '../../src/retry.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const backoff = { minRetryDelayMs: 100, maxRetryDelayMs: 1_000 };
const lowest = () => 0;
const highest = () => 0.999_999_999;

describe('isRetryableStatus', () => {
  it.each([429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 201, 301, 400, 401, 403, 404, 405, 408, 409, 422, 501, 505])(
    'does not retry %i',
    (status) => {
      expect(isRetryableStatus(status)).toBe(false);
    },
  );
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds, whole or decimal, with surrounding blanks', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('3', NOW)).toBe(3_000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
  });

  it('reads an HTTP date in the future as the time until then', () => {
    expect(parseRetryAfter(new Date(NOW + 7_000).toUTCString(), NOW)).toBe(7_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:00 GMT', NOW)).toBe(60_000);
  });

  it('reads an HTTP date in the past as no wait', () => {
    expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
  });

  it.each([null, undefined, '', '   ', 'soon', '-1', '1e3', '0x10', '5 seconds', '12:00'])(
    'returns undefined for %j',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );
});

describe('retryDelay', () => {
  it('uses full jitter: from 0 up to just below the exponential ceiling', () => {
    expect(retryDelay(1, undefined, backoff, lowest)).toBe(0);
    expect(retryDelay(1, undefined, backoff, highest)).toBe(99);
    expect(retryDelay(3, undefined, backoff, lowest)).toBe(0);
  });

  it('doubles the ceiling with each retry', () => {
    const ceilings = [1, 2, 3, 4].map(
      (retry) => retryDelay(retry, undefined, backoff, highest) + 1,
    );
    expect(ceilings).toEqual([100, 200, 400, 800]);
  });

  it('caps the ceiling at maxRetryDelayMs, however many retries', () => {
    expect(retryDelay(5, undefined, backoff, highest)).toBe(999);
    expect(retryDelay(100, undefined, backoff, highest)).toBe(999);
    expect(
      retryDelay(100, undefined, { minRetryDelayMs: 500, maxRetryDelayMs: 30_000 }, highest),
    ).toBeLessThan(30_000);
  });

  it('stays within [0, ceiling) for the default Math.random', () => {
    for (let i = 0; i < 200; i += 1) {
      const delay = retryDelay(2, undefined, backoff);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(200);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('honours Retry-After instead of the backoff, without jitter', () => {
    expect(retryDelay(1, 700, backoff, lowest)).toBe(700);
    expect(retryDelay(4, 0, backoff, highest)).toBe(0);
  });

  it('caps Retry-After at maxRetryDelayMs', () => {
    expect(retryDelay(1, 60_000, backoff, lowest)).toBe(1_000);
    expect(
      retryDelay(1, parseRetryAfter('1', NOW), { minRetryDelayMs: 1, maxRetryDelayMs: 50 }),
    ).toBe(50);
  });
});
