// createBuildsClient: resolves the options, builds the openapi-fetch client over the retrying
// transport (request.ts), and returns the build methods over it.
import { createBuildMethods } from './builds.js';
import type { BuildsClient, BuildsClientOptions } from './public.js';
import { redactor, type Redact } from './redact.js';
import { createRequests } from './request.js';
import { createTransport } from './transport.js';
import { BASE_URL_VARIABLE, CLIENT_OPTIONS, environment, readOptions } from './options.js';
import { fail, show } from './validate.js';
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
  const {
    token,
    baseUrl,
    fetch,
    timeoutMs,
    maxRetries,
    minRetryDelayMs,
    maxRetryDelayMs,
    userAgent,
  } = readOptions(options, CLIENT_OPTIONS);
  for (const [name, value] of Object.entries({ token, userAgent })) {
    if (value !== undefined && !(typeof value === 'string' && HEADER_VALUE.test(value))) {
      throw new TypeError(
        `${name} must be a string of printable characters (the value is not shown)`,
      );
    }
  }
  // Given, it was checked; this is the default, where a runtime has no global fetch.
  if (typeof fetch !== 'function')
    fail(TypeError, 'fetch', 'be given: there is no global fetch', fetch);
  const redact = redactor(token);
  // A base URL from the environment is named as such when it is rejected; the variable is read
  // again only then (Deno asks for a permission to read it).
  const url = checkBaseUrl(
    baseUrl,
    () => (baseUrl === environment(BASE_URL_VARIABLE) ? BASE_URL_VARIABLE : 'baseUrl'),
    redact,
  );
  if (maxRetryDelayMs < minRetryDelayMs) {
    fail(
      RangeError,
      'maxRetryDelayMs',
      `be >= minRetryDelayMs (${minRetryDelayMs})`,
      maxRetryDelayMs,
    );
  }

  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
    ?.node;
  // Browsers do not let scripts set User-Agent; only Node.js (and runtimes that mimic it) do.
  if (node !== undefined) {
    headers['User-Agent'] =
      `apify-builds-client/${VERSION} (Node.js ${node})${userAgent ? ` ${userAgent}` : ''}`;
  }

  const send = createTransport({
    fetch,
    timeoutMs,
    maxRetries,
    minRetryDelayMs,
    maxRetryDelayMs,
    redact,
  });
  const { request, raw } = createRequests(url, headers, send, redact);
  return { ...createBuildMethods(request, redact, !token), raw };
}

/**
 * An absolute http(s) URL without query, fragment or credentials, and without the API version
 * the routes already begin with. `name` says what the messages call it.
 */
function checkBaseUrl(value: unknown, name: () => string, redact: Redact): URL {
  let url: URL | undefined;
  try {
    if (typeof value === 'string') url = new URL(value);
  } catch {
    // not a URL: reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    // Not shown at all if it has a query, fragment or `@`: the token could be anywhere in it.
    throw new TypeError(
      `${name()} must be an absolute http(s) URL without query or fragment, got ${
        typeof value === 'string' && /[?#@]/.test(value)
          ? 'a URL with a query, fragment or credentials (not shown)'
          : show(typeof value === 'string' ? redact(value) : value)
      }`,
    );
  }
  // fetch refuses such URLs, quoting them, credentials included.
  if (url.username || url.password) {
    throw new TypeError(`${name()} must not contain credentials (the value is not shown)`);
  }
  // Every route starts with /v2: a base URL ending in it would ask for /v2/v2/… and get a 404.
  if (/\/v2\/*$/i.test(url.pathname))
    fail(TypeError, name(), "be the API's root without /v2 (the routes add it)", redact(url.href));
  return url;
}
