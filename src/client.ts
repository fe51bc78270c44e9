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
  const runtime = (
    globalThis as {
      process?: { env?: Record<string, string | undefined>; versions?: { node?: string } };
    }
  ).process;
  const token = given.token ?? (runtime?.env?.['APIFY_TOKEN'] || undefined);
  checkHeaderValue('token', token, ' (the value is not shown)');
  const redact = redactor(token);
  const baseUrl = checkBaseUrl(given.baseUrl ?? 'https://api.apify.com', redact);
  const fetchImpl = given.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('fetch must be a function; this runtime has no global fetch, so pass one');
  }
  const {
    timeoutMs = 30_000,
    maxRetries = 4,
    minRetryDelayMs = 500,
    maxRetryDelayMs = 30_000,
    userAgent,
  } = given;
  if (maxRetryDelayMs < minRetryDelayMs) {
    throw new RangeError(
      `maxRetryDelayMs must be >= minRetryDelayMs (${minRetryDelayMs}), got ${maxRetryDelayMs}`,
    );
  }
  checkHeaderValue('userAgent', userAgent, '');

  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const node = runtime?.versions?.node;
  // Browsers do not let scripts set User-Agent; only Node.js (and runtimes that mimic it) do.
  if (node !== undefined) {
    headers['User-Agent'] =
      `apify-builds-client/${VERSION} (Node.js ${node})${userAgent ? ` ${userAgent}` : ''}`;
  }

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

/** A header value: a string without control characters, or undefined. */
function checkHeaderValue(name: string, value: unknown, note: string): void {
  if (value !== undefined && (typeof value !== 'string' || !HEADER_VALUE.test(value))) {
    throw new TypeError(`${name} must be a string of printable characters${note}`);
  }
}

function checkBaseUrl(value: unknown, redact: Redact): string {
  let url: URL | undefined;
  try {
    if (typeof value === 'string') url = new URL(value);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    // Not shown at all if it has a query, fragment or `@`: the token could be anywhere in it.
    const got =
      typeof value !== 'string'
        ? show(value)
        : /[?#@]/.test(value)
          ? 'a URL with a query, fragment or credentials (not shown)'
          : show(redact(value));
    throw new TypeError(
      `baseUrl must be an absolute http(s) URL without query or fragment, got ${got}`,
    );
  }
  // fetch refuses such URLs, quoting them, credentials included.
  if (url.username || url.password)
    throw new TypeError('baseUrl must not contain credentials (the value is not shown)');
  return url.href.replace(/\/+$/, '');
}
