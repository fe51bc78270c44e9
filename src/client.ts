// createBuildsClient: resolves the options, builds the openapi-fetch client over the retrying
// transport, and returns the build methods.
import createClient from 'openapi-fetch';
import { createBuildMethods } from './builds.js';
import type { BuildsClient, BuildsClientOptions } from './public.js';
import { redactor, type Redact } from './redact.js';
import type { paths } from './types.js';
import { createRequestClass, createTransport } from './transport.js';
import { CLIENT_OPTIONS, checkOptions, show } from './validate.js';
import { VERSION } from './version.js';

// Header values may not contain control characters; checked here so that the Headers error,
// which quotes the value, can never print the token.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Creates a client of the Apify Actor builds API.
 * @example
 * const client = createBuildsClient({ token: process.env.APIFY_TOKEN });
 * const page = await client.listBuilds('janedoe~my-actor', { desc: true, limit: 10 });
 */
export function createBuildsClient(options?: BuildsClientOptions): BuildsClient {
  const given = checkOptions('options', options, CLIENT_OPTIONS);
  const token = given.token ?? environmentToken();
  if (token !== undefined && (typeof token !== 'string' || !HEADER_VALUE.test(token))) {
    throw new TypeError('token must be a string of printable characters (the value is not shown)');
  }
  const redact = redactor(token);
  const baseUrl = checkBaseUrl(given.baseUrl ?? 'https://api.apify.com', redact);
  const fetchImpl = given.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('fetch must be a function; this runtime has no global fetch, so pass one');
  }
  const timeoutMs = given.timeoutMs ?? 30_000;
  const maxRetries = given.maxRetries ?? 4;
  const minRetryDelayMs = given.minRetryDelayMs ?? 500;
  const maxRetryDelayMs = given.maxRetryDelayMs ?? 30_000;
  if (maxRetryDelayMs < minRetryDelayMs) {
    throw new RangeError(
      `maxRetryDelayMs must be >= minRetryDelayMs (${minRetryDelayMs}), got ${maxRetryDelayMs}`,
    );
  }

  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const userAgent = userAgentHeader(given.userAgent);
  if (userAgent !== undefined) headers['User-Agent'] = userAgent;

  const send = createTransport({
    fetch: fetchImpl,
    timeoutMs,
    maxRetries,
    minRetryDelayMs,
    maxRetryDelayMs,
    redact,
  });
  const raw = createClient<paths>({
    baseUrl,
    headers,
    // One argument: openapi-fetch passes its own init second, which is not an Exchange.
    fetch: (request: Request) => send(request),
    Request: createRequestClass(),
  });
  const methods = createBuildMethods(raw, new URL(baseUrl).pathname, redact, send);
  return { ...methods, raw };
}

function environmentToken(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.['APIFY_TOKEN'] || undefined;
}

function checkBaseUrl(value: unknown, redact: Redact): string {
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
      `baseUrl must be an absolute http(s) URL without query or fragment, got ${shownUrl(value, redact)}`,
    );
  }
  // fetch refuses such URLs, quoting them, credentials included.
  if (url.username || url.password)
    throw new TypeError('baseUrl must not contain credentials (the value is not shown)');
  return url.href.replace(/\/+$/, '');
}

/** A rejected baseUrl as an error shows it: not at all if it has a query, fragment or `@`. */
function shownUrl(value: unknown, redact: Redact): string {
  return typeof value === 'string' && /[?#@]/.test(value)
    ? 'a URL with a query, fragment or credentials (not shown)'
    : show(typeof value === 'string' ? redact(value) : value);
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
