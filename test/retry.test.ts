// The retry decisions and input checks as pure functions, without I/O.
import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelay } from '../src/retry.js';
import {
  checkBoolean,
  checkId,
  checkInteger,
  checkOptions,
  checkSignal,
  editDistance,
} from '../src/validate.js';

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

describe('input checks', () => {
  it.each([
    ['', /^actorId must be a non-empty string, got ""$/],
    [undefined, /^actorId must be a non-empty string, got undefined$/],
    [42, /^actorId must be a non-empty string, got 42$/],
    [{}, /^actorId must be a non-empty string, got an object$/],
    [() => 'id', /^actorId must be a non-empty string, got a function$/],
    ['.', /^actorId must not be "\." or "\.\.", got "\."$/],
    ['..', /^actorId must not be "\." or "\.\.", got "\.\."$/],
    ['a?b', /^actorId must not contain "\/", "\?" or "#", got "a\?b"$/],
    ['a#b', /^actorId must not contain "\/", "\?" or "#", got "a#b"$/],
  ])('checkId rejects %j with a TypeError', (value, message) => {
    expect(() => checkId('actorId', value)).toThrow(TypeError);
    expect(() => checkId('actorId', value)).toThrow(message);
  });

  it('checkId hints at username~actor-name for a slash in an actor id, not in a build id', () => {
    expect(() => checkId('actorId', 'janedoe/my-actor')).toThrow('(write username~actor-name)');
    expect(() => checkId('buildId', 'a/b')).toThrow(
      /^buildId must not contain "\/", "\?" or "#", got "a\/b"$/,
    );
  });

  it('checkId accepts what is one path segment', () => {
    expect(() => checkId('actorId', 'janedoe~my-actor')).not.toThrow();
    expect(() => checkId('buildId', '...')).not.toThrow();
  });

  it('checkId shortens long values in the message', () => {
    expect(() => checkId('buildId', `${'x'.repeat(100)}/`)).toThrow(`"${'x'.repeat(60)}…"`);
  });

  it('checkInteger returns the default for undefined and the value when in range', () => {
    expect(checkInteger('limit', undefined, 1, 1000, 1000)).toBe(1000);
    expect(checkInteger('limit', 1, 1, 1000, 1000)).toBe(1);
    expect(checkInteger('limit', 1000, 1, 1000, 1000)).toBe(1000);
  });

  it.each([
    [0, 'limit must be an integer from 1 to 1000, got 0'],
    [1001, 'limit must be an integer from 1 to 1000, got 1001'],
    [2.5, 'limit must be an integer from 1 to 1000, got 2.5'],
    [Number.NaN, 'limit must be an integer from 1 to 1000, got NaN'],
    [Number.POSITIVE_INFINITY, 'limit must be an integer from 1 to 1000, got Infinity'],
  ])('checkInteger rejects the number %s with a RangeError', (value, message) => {
    expect(() => checkInteger('limit', value, 1, 1000, 1000)).toThrow(RangeError);
    expect(() => checkInteger('limit', value, 1, 1000, 1000)).toThrow(message);
  });

  it.each([
    ['3', 'offset must be an integer >= 0, got "3"'],
    [null, 'offset must be an integer >= 0, got null'],
    [3n, 'offset must be an integer >= 0, got 3'],
    [[1], 'offset must be an integer >= 0, got an array'],
  ])('checkInteger rejects the non-number %s with a TypeError', (value, message) => {
    expect(() => checkInteger('offset', value, 0, Number.MAX_SAFE_INTEGER, 0)).toThrow(TypeError);
    expect(() => checkInteger('offset', value, 0, Number.MAX_SAFE_INTEGER, 0)).toThrow(message);
  });

  it('checkBoolean accepts booleans and undefined only', () => {
    expect(checkBoolean('desc', true)).toBe(true);
    expect(checkBoolean('desc', undefined)).toBeUndefined();
    expect(() => checkBoolean('desc', 'yes')).toThrow(
      new TypeError('desc must be true or false, got "yes"'),
    );
    expect(() => checkBoolean('desc', 1)).toThrow(
      new TypeError('desc must be true or false, got 1'),
    );
  });

  it('checkSignal and checkOptions name what they expected', () => {
    const signal = new AbortController().signal;
    expect(checkSignal(signal)).toBe(signal);
    expect(() => checkSignal({ aborted: false })).toThrow(
      /^signal must be an AbortSignal, got an object$/,
    );
    expect(checkOptions('options', undefined)).toEqual({});
    expect(() => checkOptions('options', 'x' as never)).toThrow(
      new TypeError('options must be an object, got "x"'),
    );
  });
});

describe('checkOptions with accepted keys', () => {
  const keys = ['offset', 'pageSize', 'desc', 'maxItems', 'signal'];

  it('returns the options when every own key is accepted', () => {
    const options = { offset: 1, desc: true };
    expect(checkOptions('options', options, keys)).toBe(options);
    expect(checkOptions('options', Object.create({ limit: 1 }), keys)).toEqual({});
  });

  it('names the unknown key, the accepted ones and the nearest', () => {
    expect(() => checkOptions('options', { pagesize: 5 }, keys)).toThrow(
      new TypeError(
        'unknown option "pagesize" in options (accepted: offset, pageSize, desc, maxItems, signal); did you mean "pageSize"?',
      ),
    );
    expect(() => checkOptions('options', { limit: 5 }, keys)).toThrow(/did you mean "pageSize"\?$/);
    expect(() => checkOptions('options', { descending: true }, keys)).toThrow(
      /did you mean "desc"\?$/,
    );
  });

  it('checks no keys when none are given', () => {
    expect(checkOptions('options', { anything: 1 })).toEqual({ anything: 1 });
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['limit', 'limit', 0],
    ['ofset', 'offset', 1],
    ['desc', 'dsce', 2],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%j to %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
