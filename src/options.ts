// Every option of every method, written once: kind, range and default, with the reader that
// checks given options against them and fills in the defaults. The value checks and messages
// it uses are in validate.ts; a test holds the README tables and the TSDoc of public.ts to these.
import { MAX_LIMIT } from './pagination/types.js';
import type {
  AbortBuildOptions,
  BuildsClientOptions,
  IterateBuildsOptions,
  ListBuildsOptions,
} from './public.js';
import { checkInteger, editDistance, fail, show } from './validate.js';

export interface Option {
  /** Strings are checked where they are used: their messages must not show the value (token). */
  readonly kind: 'integer' | 'boolean' | 'signal' | 'string' | 'function';
  /** Integers only: the smallest and the largest value accepted. */
  readonly range?: readonly [min: number, max: number];
  /** The value used when the option is not given; a function finds it at each call. */
  readonly default?: number | boolean | string | (() => unknown);
  /** The default is the API's: nothing is sent in its place. */
  readonly api?: true;
}

/** One method's options, in the order its documentation lists them. */
export type Options<T> = { readonly [K in keyof Required<T>]: Option };

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_DELAY_MS = 2_147_483_647; // setTimeout's limit

/** The environment variable that gives the base URL when `baseUrl` is not. */
export const BASE_URL_VARIABLE = 'APIFY_API_BASE_URL';

/** A variable of `process.env` where `process` exists; an empty one is unset. */
export const environment = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] ||
  undefined;

export const CLIENT_OPTIONS = {
  token: {
    kind: 'string',
    default: () => environment('APIFY_TOKEN'),
  },
  baseUrl: {
    kind: 'string',
    default: () => environment(BASE_URL_VARIABLE) ?? 'https://api.apify.com',
  },
  fetch: {
    kind: 'function',
    default: () => globalThis.fetch,
  },
  timeoutMs: {
    kind: 'integer',
    range: [1, MAX_DELAY_MS],
    default: 30_000,
  },
  maxRetries: { kind: 'integer', range: [0, 100], default: 4 },
  minRetryDelayMs: {
    kind: 'integer',
    range: [0, MAX_DELAY_MS],
    default: 500,
  },
  maxRetryDelayMs: {
    kind: 'integer',
    range: [0, MAX_DELAY_MS],
    default: 30_000,
  },
  userAgent: { kind: 'string' },
} as const satisfies Options<BuildsClientOptions>;

const SIGNAL = { kind: 'signal' } as const;
const DESC = {
  kind: 'boolean',
  default: false,
} as const;

export const LIST_OPTIONS = {
  offset: { kind: 'integer', range: [0, MAX], default: 0, api: true },
  limit: {
    kind: 'integer',
    range: [1, MAX_LIMIT],
    default: MAX_LIMIT,
    api: true,
  },
  desc: { ...DESC, api: true },
  signal: SIGNAL,
} as const satisfies Options<ListBuildsOptions>;

export const WALK_OPTIONS = {
  offset: { kind: 'integer', range: [0, MAX], default: 0 },
  pageSize: {
    kind: 'integer',
    range: [1, MAX_LIMIT],
    default: MAX_LIMIT,
  },
  desc: DESC,
  maxItems: {
    kind: 'integer',
    range: [0, MAX],
    default: MAX,
  },
  signal: SIGNAL,
} as const satisfies Options<IterateBuildsOptions>;

export const ABORT_OPTIONS = { signal: SIGNAL } as const satisfies Options<AbortBuildOptions>;

/** The options as read: only those given, or with a default of the client's, which are always there. */
export type Read<T, D extends Options<T>> = { [K in keyof T]?: Exclude<T[K], undefined> } & {
  [
    K in keyof T as D[K] extends { api: true }
      ? never
      : D[K] extends { default: unknown }
        ? K
        : never
  ]-?: Exclude<T[K], undefined>;
};

/**
 * A method's options, each read once and checked (see checkOptions), with the client's defaults
 * in place of those not given; the API's defaults are left to the API.
 */
export function readOptions<T extends object, D extends Options<T>>(
  value: T | undefined,
  table: D,
): Read<T, D> {
  const read: Record<string, unknown> = checkOptions('options', value, table);
  for (const [key, option] of Object.entries<Option>(table)) {
    if (read[key] !== undefined || option.api) continue;
    const fallback = option.default;
    const value = typeof fallback === 'function' ? fallback() : fallback;
    if (value !== undefined) read[key] = value;
  }
  return read as Read<T, D>;
}

/** A given option's value against its kind and range (strings are checked where they are used). */
function checkValue(key: string, value: unknown, { kind, range }: Pick<Option, 'kind' | 'range'>) {
  if (range) checkInteger(key, value, ...range);
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
  // The types say an object; an untyped caller may pass anything.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- checked at run time
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
const ALIASES: Record<string, string> = { limit: 'pageSize', pageSize: 'limit', maxItems: 'limit' };

function unknownKey(name: string, key: string, keys: readonly string[]): TypeError {
  const alias = ALIASES[key] ?? '';
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
