// Input checks that run before any request, so bad input never reaches the network.
import type { Redact } from './redact.js';

// A surrogate without its other half: encodeURIComponent would throw a bare URIError.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Ids become one path segment; openapi-fetch would collapse `.`/`..` into another URL. A
 * rejected id is shown with the token (`redact`) replaced, and shortened.
 */
export function checkId(
  name: string,
  value: unknown,
  redact: Redact = (text) => text,
): asserts value is string {
  const got = (): string => show(typeof value === 'string' ? redact(value) : value);
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string, got ${got()}`);
  }
  if (value === '.' || value === '..') {
    throw new TypeError(`${name} must not be "." or "..", got ${got()}`);
  }
  if (/[/?#]/.test(value)) {
    const hint = name === 'actorId' && value.includes('/') ? ' (write username~actor-name)' : '';
    throw new TypeError(`${name} must not contain "/", "?" or "#"${hint}, got ${got()}`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new TypeError(`${name} must be well-formed UTF-16 (no lone surrogate), got ${got()}`);
  }
}

/** An optional integer in [min, max]; returns the default when the value is undefined. */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  if (value === undefined) return fallback;
  const range =
    max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  const Problem = typeof value === 'number' ? RangeError : TypeError;
  throw new Problem(`${name} must be ${range}, got ${show(value)}`);
}

export function checkBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new TypeError(`${name} must be true or false, got ${show(value)}`);
}

export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value === undefined || value instanceof AbortSignal) return value;
  throw new TypeError(`signal must be an AbortSignal, got ${show(value)}`);
}

/** The option keys each method accepts, in the order its documentation lists them. */
export const CLIENT_OPTIONS = [
  'token',
  'baseUrl',
  'fetch',
  'timeoutMs',
  'maxRetries',
  'minRetryDelayMs',
  'maxRetryDelayMs',
  'userAgent',
] as const;
export const LIST_OPTIONS = ['offset', 'limit', 'desc', 'signal'] as const;
export const WALK_OPTIONS = ['offset', 'pageSize', 'desc', 'maxItems', 'signal'] as const;
export const ABORT_OPTIONS = ['signal'] as const;

/**
 * An optional options object. With `keys`, a key outside them is a TypeError that lists the
 * accepted keys and the nearest one (an unknown key is a mistake, not something to ignore).
 */
export function checkOptions<T extends object>(
  name: string,
  value: T | undefined,
  keys?: readonly string[],
): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${name} must be an object, got ${show(value)}`);
  }
  if (keys !== undefined) {
    for (const key in value) {
      if (!keys.includes(key) && Object.hasOwn(value, key)) throw unknownKey(name, key, keys);
    }
  }
  return value;
}

// Names that mean the same thing in the other method's options.
const RELATED: Readonly<Record<string, string>> = { limit: 'pageSize', pageSize: 'limit' };

function unknownKey(name: string, key: string, keys: readonly string[]): TypeError {
  const related = RELATED[key];
  let nearest = keys[0] ?? '';
  if (related !== undefined && keys.includes(related)) nearest = related;
  else {
    let best = Infinity;
    for (const each of keys) {
      const distance = editDistance(key.toLowerCase(), each.toLowerCase());
      if (distance < best) [best, nearest] = [distance, each];
    }
  }
  return new TypeError(
    `unknown option ${show(key)} in ${name} (accepted: ${keys.join(', ')}); did you mean "${nearest}"?`,
  );
}

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** A short, safe description of any value for an error message (never throws). */
export function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
