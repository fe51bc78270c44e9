// createBuildsClient: resolves the options, builds the openapi-fetch client over the retrying
// transport, and returns the build methods.
import createClient, { type Client } from 'openapi-fetch';
import { createBuildMethods } from './builds.js';
import type { Build, BuildShort, BuildsPage, paths } from './types.js';
import { createRequestClass, createTransport } from './transport.js';
import { checkInteger, checkOptions, show } from './validate.js';
import { VERSION } from './version.js';

export interface BuildsClientOptions {
  /**
   * API token. Default: `process.env.APIFY_TOKEN` where `process` exists. Sent only as
   * `Authorization: Bearer …`, never in a URL, an error message or a log line.
   */
  token?: string | undefined;
  /** Default `https://api.apify.com`; a trailing slash is ignored. */
  baseUrl?: string | undefined;
  /** The fetch to use (tests, proxies, edge runtimes). Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Time limit of each attempt, body included, in ms; default 30 000. Exceeding it is an `ApifyTimeoutError`. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt; default 4, 0 disables retries. */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff (full jitter), in ms; default 500. */
  minRetryDelayMs?: number | undefined;
  /** Cap of the backoff and of a server's `Retry-After`, in ms; default 30 000. */
  maxRetryDelayMs?: number | undefined;
  /** Appended to the default User-Agent where the runtime allows setting it (Node.js). */
  userAgent?: string | undefined;
}

export interface ListBuildsOptions {
  /** Position of the first build, integer >= 0; default 0. */
  offset?: number | undefined;
  /** Builds per page, integer 1..1000; default 1000. */
  limit?: number | undefined;
  /** Newest first when true; default oldest first. */
  desc?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface IterateBuildsOptions {
  /** Where to start (e.g. to resume a walk), integer >= 0; default 0. */
  offset?: number | undefined;
  /** Builds per request, integer 1..1000; default 1000. */
  pageSize?: number | undefined;
  /** Newest first when true; default oldest first. */
  desc?: boolean | undefined;
  /** Stop after this many builds; the last request asks only for what is left. 0 sends nothing. */
  maxItems?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface BuildsClient {
  /**
   * One page: `GET /v2/actors/{actorId}/builds`. Resolves to the unwrapped `data` object.
   * @example
   * const page = await client.listBuilds('janedoe~my-actor', { limit: 10, desc: true });
   * console.log(`${page.count} of ${page.total}`, page.items[0]?.status);
   */
  listBuilds(actorId: string, options?: ListBuildsOptions): Promise<BuildsPage>;
  /**
   * Every build, page by page, as one async stream of items. The next page is fetched while
   * the loop body works; `break` cancels it.
   * @example
   * for await (const build of client.iterateBuilds('janedoe~my-actor', { desc: true })) {
   *   if (build.status === 'RUNNING') console.log(build.id);
   * }
   */
  iterateBuilds(actorId: string, options?: IterateBuildsOptions): AsyncIterableIterator<BuildShort>;
  /**
   * The same walk, one page at a time (for progress, checkpoints and resumption): resume a walk
   * with `offset: page.offset + page.count` of the last page handled.
   * @example
   * for await (const page of client.iterateBuildPages('janedoe~my-actor', { pageSize: 500 })) {
   *   console.log(`${page.offset + page.count} / ${page.total}`);
   * }
   */
  iterateBuildPages(
    actorId: string,
    options?: IterateBuildsOptions,
  ): AsyncIterableIterator<BuildsPage>;
  /**
   * Aborts a running build: `POST /v2/actors/{actorId}/builds/{buildId}/abort`. Resolves to the
   * unwrapped Build. A build that is already finished is returned unchanged.
   * @deprecated The API moved this to `POST /v2/actor-builds/{buildId}/abort`.
   */
  abortBuild(
    actorId: string,
    buildId: string,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<Build>;
  /**
   * The underlying openapi-fetch client, typed by the generated `paths`, with the same auth,
   * timeout and retry behaviour. It returns `{ data, error, response }` and does not throw on
   * error statuses.
   */
  readonly raw: Client<paths>;
}

// Header values may not contain control characters; checked here so that the Headers error,
// which quotes the value, can never print the token.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const MAX_DELAY_MS = 2_147_483_647; // setTimeout's limit

/**
 * Creates a client of the Apify Actor builds API.
 * @example
 * const client = createBuildsClient({ token: process.env.APIFY_TOKEN });
 * const page = await client.listBuilds('janedoe~my-actor', { desc: true, limit: 10 });
 */
export function createBuildsClient(options?: BuildsClientOptions): BuildsClient {
  const given = checkOptions('options', options);
  const token = given.token ?? environmentToken();
  if (token !== undefined && (typeof token !== 'string' || !HEADER_VALUE.test(token))) {
    throw new TypeError('token must be a string of printable characters (the value is not shown)');
  }
  const baseUrl = checkBaseUrl(given.baseUrl ?? 'https://api.apify.com');
  const fetchImpl = given.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('fetch must be a function; this runtime has no global fetch, so pass one');
  }
  const timeoutMs = checkInteger('timeoutMs', given.timeoutMs, 1, MAX_DELAY_MS, 30_000);
  const maxRetries = checkInteger('maxRetries', given.maxRetries, 0, 100, 4);
  const minRetryDelayMs = checkInteger(
    'minRetryDelayMs',
    given.minRetryDelayMs,
    0,
    MAX_DELAY_MS,
    500,
  );
  const maxRetryDelayMs = checkInteger(
    'maxRetryDelayMs',
    given.maxRetryDelayMs,
    0,
    MAX_DELAY_MS,
    30_000,
  );
  if (maxRetryDelayMs < minRetryDelayMs) {
    throw new RangeError(
      `maxRetryDelayMs must be >= minRetryDelayMs (${minRetryDelayMs}), got ${maxRetryDelayMs}`,
    );
  }

  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const userAgent = userAgentHeader(given.userAgent);
  if (userAgent !== undefined) headers['User-Agent'] = userAgent;

  const transport = { fetch: fetchImpl, timeoutMs, maxRetries, minRetryDelayMs, maxRetryDelayMs };
  const raw = createClient<paths>({
    baseUrl,
    headers,
    fetch: createTransport(transport),
    Request: createRequestClass(),
  });
  const methods = createBuildMethods(
    raw,
    new URL(baseUrl).pathname,
    redactor(token),
    createTransport(transport, { text: true }),
  );
  return { ...methods, raw };
}

/** Replaces the token in text a server sent back, also where it is quoted JSON-escaped. */
function redactor(token: string | undefined): (text: string) => string {
  if (!token) return (text) => text;
  const forms = [...new Set([token, JSON.stringify(token).slice(1, -1)])];
  return (text) => forms.reduce((out, form) => out.split(form).join('***'), text);
}

function environmentToken(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.['APIFY_TOKEN'] || undefined;
}

function checkBaseUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    if (typeof value === 'string') url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search ||
    url.hash
  ) {
    throw new TypeError(
      `baseUrl must be an absolute http(s) URL without query or fragment, got ${show(value)}`,
    );
  }
  // fetch refuses such URLs, quoting them, credentials included.
  if (url.username || url.password)
    throw new TypeError('baseUrl must not contain credentials (the value is not shown)');
  return url.href.replace(/\/+$/, '');
}

function userAgentHeader(extra: unknown): string | undefined {
  if (extra !== undefined && (typeof extra !== 'string' || !HEADER_VALUE.test(extra))) {
    throw new TypeError('userAgent must be a string of printable characters');
  }
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
    ?.node;
  // Browsers do not let scripts set User-Agent; only Node.js (and runtimes that mimic it) do.
  if (node === undefined) return undefined;
  const base = `apify-builds-client/${VERSION} (Node.js ${node})`;
  return extra ? `${base} ${extra}` : base;
}
