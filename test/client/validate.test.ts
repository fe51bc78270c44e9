// The input checks every public method runs before it sends anything: ids, integers, booleans,
// signals, option keys (with a suggestion for a misspelled one).
import { describe, expect, it } from 'vitest';
import { checkId, checkInteger, editDistance } from '../../src/validate.js';
import { ABORT_OPTIONS, WALK_OPTIONS, checkOptions } from '../../src/options.js';

/** No token to hide: the value is shown as given. */
const same = (text: string): string => text;

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
    expect(() => checkId('actorId', value, same)).toThrow(TypeError);
    expect(() => checkId('actorId', value, same)).toThrow(message);
  });

  it('checkId hints at username~actor-name for a slash in an actor id, not in a build id', () => {
    expect(() => checkId('actorId', 'janedoe/my-actor', same)).toThrow(
      '(write username~actor-name)',
    );
    expect(() => checkId('buildId', 'a/b', same)).toThrow(
      /^buildId must not contain "\/", "\?" or "#", got "a\/b"$/,
    );
  });

  it('checkId accepts what is one path segment', () => {
    expect(() => checkId('actorId', 'janedoe~my-actor', same)).not.toThrow();
    expect(() => checkId('buildId', '...', same)).not.toThrow();
  });

  it('checkId shortens long values in the message', () => {
    expect(() => checkId('buildId', `${'x'.repeat(100)}/`, same)).toThrow(`"${'x'.repeat(60)}…"`);
  });

  it('checkInteger accepts the bounds, and undefined is not an integer', () => {
    expect(() => checkInteger('limit', 1, 1, 1000)).not.toThrow();
    expect(() => checkInteger('limit', 1000, 1, 1000)).not.toThrow();
    expect(() => checkInteger('limit', undefined, 1, 1000)).toThrow(
      new TypeError('limit must be an integer from 1 to 1000, got undefined'),
    );
  });

  it.each([
    [0, 'limit must be an integer from 1 to 1000, got 0'],
    [1001, 'limit must be an integer from 1 to 1000, got 1001'],
    [2.5, 'limit must be an integer from 1 to 1000, got 2.5'],
    [Number.NaN, 'limit must be an integer from 1 to 1000, got NaN'],
    [Number.POSITIVE_INFINITY, 'limit must be an integer from 1 to 1000, got Infinity'],
  ])('checkInteger rejects the number %s with a RangeError', (value, message) => {
    expect(() => checkInteger('limit', value, 1, 1000)).toThrow(RangeError);
    expect(() => checkInteger('limit', value, 1, 1000)).toThrow(message);
  });

  it.each([
    ['3', 'offset must be an integer >= 0, got "3"'],
    [null, 'offset must be an integer >= 0, got null'],
    [3n, 'offset must be an integer >= 0, got 3'],
    [[1], 'offset must be an integer >= 0, got an array'],
  ])('checkInteger rejects the non-number %s with a TypeError', (value, message) => {
    expect(() => checkInteger('offset', value, 0, Number.MAX_SAFE_INTEGER)).toThrow(TypeError);
    expect(() => checkInteger('offset', value, 0, Number.MAX_SAFE_INTEGER)).toThrow(message);
  });

  it('checkOptions accepts booleans and undefined only for desc', () => {
    expect(checkOptions('options', { desc: true }, WALK_OPTIONS).desc).toBe(true);
    expect(checkOptions('options', { desc: undefined }, WALK_OPTIONS).desc).toBeUndefined();
    expect(() => checkOptions('options', { desc: 'yes' } as never, WALK_OPTIONS)).toThrow(
      new TypeError('desc must be true or false, got "yes"'),
    );
    expect(() => checkOptions('options', { desc: 1 } as never, WALK_OPTIONS)).toThrow(
      new TypeError('desc must be true or false, got 1'),
    );
  });

  it('checkOptions names what it expected of a signal and of the options', () => {
    const signal = new AbortController().signal;
    expect(checkOptions('options', { signal }, ABORT_OPTIONS).signal).toBe(signal);
    expect(() =>
      checkOptions('options', { signal: { aborted: false } } as never, ABORT_OPTIONS),
    ).toThrow(/^signal must be an AbortSignal, got an object$/);
    expect(checkOptions('options', undefined, ABORT_OPTIONS)).toEqual({});
    expect(() => checkOptions('options', 'x' as never, ABORT_OPTIONS)).toThrow(
      new TypeError('options must be an object, got "x"'),
    );
  });
});

describe('checkOptions with accepted keys', () => {
  const keys = WALK_OPTIONS;

  it('returns a copy of the options when every own key is accepted', () => {
    const options = { offset: 1, desc: true, maxItems: undefined };
    const read = checkOptions('options', options, keys);
    expect(read).toEqual({ offset: 1, desc: true });
    expect(read).not.toBe(options);
    expect(checkOptions('options', Object.create({ limit: 1 }), keys)).toEqual({});
  });

  it('reads each option once: the value checked is the value returned', () => {
    let reads = 0;
    const options = {
      get pageSize() {
        reads += 1;
        return reads === 1 ? 5 : 5000;
      },
    };
    expect(checkOptions('options', options, keys)).toEqual({ pageSize: 5 });
    expect(reads).toBe(1);
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
