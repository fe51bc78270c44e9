// Every option of every method, written once: kind, range and default.
// Checks (validate.ts) and defaults (readOptions) read these tables; a test holds the README's
// option tables and the TSDoc of public.ts to them.
import { MAX_LIMIT } from './pagination/types.js';
import type {
  AbortBuildOptions,
  BuildsClientOptions,
  IterateBuildsOptions,
  ListBuildsOptions,
} from './public.js';
import { checkOptions } from './validate.js';

export interface Option {
  /** Strings are checked where they are used: their messages must not show the value (token). */
  readonly kind: 'integer' | 'boolean' | 'signal' | 'string' | 'function';
  /** Integers only: the smallest and the largest value accepted. */
  readonly range?: readonly [min: number, max: number];
  /** The value used when the option is not given; a function finds it at each call. */
  readonly default?: number | boolean | string | (() => unknown);
  /** The default is the API's: nothing is sent in its place. */
  readonly api?: true;
  /** How the docs name the default, where the value itself does not say it. */
  readonly shown?: string;
}

/** One method's options, in the order its documentation lists them. */
export type Options<T> = { readonly [K in keyof Required<T>]: Option };

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_DELAY_MS = 2_147_483_647; // setTimeout's limit

export const CLIENT_OPTIONS = {
  token: {
    kind: 'string',
    default: () =>
      (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
        'APIFY_TOKEN'
      ] || undefined,
    shown: '`process.env.APIFY_TOKEN`',
  },
  baseUrl: {
    kind: 'string',
    default: 'https://api.apify.com',
  },
  fetch: {
    kind: 'function',
    default: () => globalThis.fetch,
    shown: 'the global `fetch`',
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
  shown: 'oldest first',
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
    shown: 'all',
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
