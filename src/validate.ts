// Input checks that run before any request, so bad input never reaches the network.
import type { Option } from './options.js';
import type { Redact } from './redact.js';

/**
 * Ids become one path segment; openapi-fetch would collapse `.`/`..` into another URL, and
 * throw a bare URIError on a lone surrogate. A rejected id is shown with the token (`redact`)
 * replaced, and shortened.
 */
export function checkId(
  name: string,
  value: unknown,
  redact: Redact = (text) => text,
): asserts value is string {
  const problem =
    typeof value !== 'string' || !value
      ? 'be a non-empty string'
      : value === '.' || value === '..'
        ? 'not be "." or ".."'
        : /[/?#]/.test(value)
          ? `not contain "/", "?" or "#"${name === 'actorId' && value.includes('/') ? ' (write username~actor-name)' : ''}`
          : // With the `u` flag only a surrogate without its other half is a code point of its own.
            /\p{Cs}/u.test(value) && 'be well-formed UTF-16 (no lone surrogate)';
  if (problem) fail(TypeError, name, problem, typeof value === 'string' ? redact(value) : value);
}

/** Throws `kind` with the message `<name> must <must>, got <value>`. */
export function fail(kind: ErrorConstructor, name: string, must: string, value: unknown): never {
  throw new kind(`${name} must ${must}, got ${show(value)}`);
}

const MAX = Number.MAX_SAFE_INTEGER;

/** An optional integer in [min, max]; returns the default when the value is undefined. */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
    const range = max < MAX ? `from ${min} to ${max}` : `>= ${min}`;
    fail(typeof value === 'number' ? RangeError : TypeError, name, `be an integer ${range}`, value);
  }
  return value as number;
}

/** `desc`, checked as an option. */
export function checkBoolean(name: 'desc', value: unknown): boolean | undefined {
  if (value !== undefined) checkValue(name, value, { kind: 'boolean' });
  return value as boolean | undefined;
}

/** `signal`, checked as an option. */
export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value !== undefined) checkValue('signal', value, { kind: 'signal' });
  return value as AbortSignal | undefined;
}

/** A given option's value against its kind and range (strings are checked where they are used). */
function checkValue(key: string, value: unknown, { kind, range }: Pick<Option, 'kind' | 'range'>) {
  if (range) checkInteger(key, value, ...range, 0);
  else if (kind === 'boolean' && typeof value !== 'boolean') {
    fail(TypeError, key, 'be true or false', value);
  } else if (kind === 'signal' && !(value instanceof AbortSignal)) {
    fail(TypeError, key, 'be an AbortSignal', value);
  } else if (kind === 'function' && typeof value !== 'function') {
    fail(TypeError, key, 'be a function', value);
  }
}

/**
 * An optional options object, read once: a key outside `table` is a TypeError that lists the
 * accepted keys and the nearest one (an unknown key is a mistake, not something to ignore); each
 * accepted key is read exactly once, checked against its kind and range, and returned in a
 * fresh object, so a getter cannot answer the check and the request differently. Defaults are
 * left to readOptions.
 */
export function checkOptions<T extends object>(
  name: string,
  value: T | undefined,
  table: { readonly [key: string]: Option },
): Partial<T> {
  const read: Record<string, unknown> = {};
  if (value === undefined) return read as Partial<T>;
  if (typeof value !== 'object' || !value || Array.isArray(value)) {
    fail(TypeError, name, 'be an object', value);
  }
  const keys = Object.keys(table);
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw unknownKey(name, key, keys);
  for (const [key, option] of Object.entries<Option>(table)) {
    const given = (value as Record<string, unknown>)[key];
    if (given === undefined) continue;
    checkValue(key, given, option);
    read[key] = given;
  }
  return read as Partial<T>;
}

/**
 * The key meant by another method's key, whatever the spelling distance: limit (one page) and
 * pageSize (a walk) mean the same; a walk's maxItems given to one page is its limit.
 */
const ALIASES = new Map([
  ['limit', 'pageSize'],
  ['pageSize', 'limit'],
  ['maxItems', 'limit'],
]);

function unknownKey(name: string, key: string, keys: readonly string[]): TypeError {
  const alias = ALIASES.get(key) ?? '';
  let nearest = alias;
  let best = Infinity;
  for (const each of keys.includes(alias) ? [] : keys) {
    const distance = editDistance(key, each);
    if (distance < best) [best, nearest] = [distance, each];
  }
  return new TypeError(
    `unknown option ${show(key)} in ${name} (accepted: ${keys.join(', ')}); did you mean "${nearest}"?`,
  );
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
export function editDistance(a: string, b: string): number {
  let row = [...Array(b.length + 1).keys()];
  for (let i = 0; i < a.length; i += 1) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j += 1) {
      next.push(Math.min(row[j + 1]! + 1, next[j]! + 1, row[j]! + (a[i] === b[j] ? 0 : 1)));
    }
    row = next;
  }
  return row[b.length]!;
}

/** A short, safe description of any value for an error message (never throws). */
export function show(value: unknown): string {
  const type = typeof value;
  if (type === 'string') {
    const text = value as string;
    return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  }
  // null, and the number, boolean, bigint and undefined types, read well as they are.
  if (value === null || /^[nbu]/.test(type)) return String(value);
  return Array.isArray(value) ? 'an array' : type === 'object' ? 'an object' : `a ${type}`;
}
