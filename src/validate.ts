// Input checks that run before any request, so bad input never reaches the network.

/** Ids become one path segment; openapi-fetch would collapse `.`/`..` into another URL. */
export function checkId(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string, got ${show(value)}`);
  }
  if (value === '.' || value === '..') {
    throw new TypeError(`${name} must not be "." or "..", got ${show(value)}`);
  }
  if (/[/?#]/.test(value)) {
    const hint = name === 'actorId' && value.includes('/') ? ' (write username~actor-name)' : '';
    throw new TypeError(`${name} must not contain "/", "?" or "#"${hint}, got ${show(value)}`);
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

export function checkOptions<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${name} must be an object, got ${show(value)}`);
  }
  return value;
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
