// Value checks and their messages, for input that must not reach the network: ids, integers,
// and the `<name> must …, got …` form every rejection uses. Imports nothing of the option tables.
import type { Redact } from './redact.js';

/**
 * Ids become one path segment; openapi-fetch would collapse `.`/`..` into another URL, and
 * throw a bare URIError on a lone surrogate. A rejected id is shown with the token (`redact`)
 * replaced, and shortened.
 */
export function checkId(name: string, value: unknown, redact: Redact): asserts value is string {
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

/** An integer in [min, max]: a RangeError for any other number, a TypeError for the rest. */
export function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
    const range = max < MAX ? `from ${min} to ${max}` : `>= ${min}`;
    fail(typeof value === 'number' ? RangeError : TypeError, name, `be an integer ${range}`, value);
  }
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
