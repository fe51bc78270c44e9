// The API side of a run: the token (APIFY_TOKEN, else the Apify CLI's login file), the base URL,
// and a client of the package's public API with DEBUG request lines.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createBuildsClient, type BuildsClient, type BuildsClientOptions } from '../index.js';
import { UsageError } from './args.js';
import type { Env } from './colour.js';
import { ExitError } from './exit.js';
import type { Io } from './io.js';

/** The login file of the Apify CLI (`apify login`). */
export function authFile(env: Env): string {
  return path.join(env['HOME'] || env['USERPROFILE'] || homedir(), '.apify', 'auth.json');
}

/** The token: APIFY_TOKEN, else the `token` of the login file; exit 4 when neither has one. */
export function findToken(env: Env): string {
  const fromEnv = env['APIFY_TOKEN'];
  if (fromEnv) return fromEnv;
  const file = authFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ExitError(
      4,
      `no API token: set APIFY_TOKEN, or log in with \`apify login\` (which writes ${file})`,
    );
  }
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown } | null)?.token;
  } catch {
    throw new ExitError(4, `no API token: ${file} is not JSON, and APIFY_TOKEN is not set`);
  }
  if (typeof token !== 'string' || token === '')
    throw new ExitError(4, `no API token: ${file} has no "token", and APIFY_TOKEN is not set`);
  return token;
}

/** A client of the API for this run: token, base URL, DEBUG lines. */
export function openClient(io: Io, options: Partial<BuildsClientOptions> = {}): BuildsClient {
  const { flag, value } =
    io.flags.baseUrl !== undefined
      ? { flag: '--base-url', value: io.flags.baseUrl }
      : io.env['APIFY_API_BASE_URL']
        ? { flag: 'APIFY_API_BASE_URL', value: io.env['APIFY_API_BASE_URL'] }
        : { flag: 'the API base URL', value: 'https://api.apify.com' };
  const token = findToken(io.env);
  let client: BuildsClient;
  try {
    client = createBuildsClient({ token, baseUrl: value, ...options });
  } catch (error) {
    // The client checks the URL (http(s), no query, fragment, credentials or /v2 at the end);
    // its message names the option, this names the flag or variable the user gave.
    if (error instanceof TypeError && error.message.startsWith('baseUrl '))
      throw new UsageError(`${flag}${error.message.slice('baseUrl'.length)}`);
    throw error;
  }
  if (io.debug) {
    const started = new WeakMap<Request, number>();
    client.raw.use({
      onRequest({ request }) {
        started.set(request, io.now());
        io.trace(`${request.method} ${request.url}`);
        return undefined;
      },
      onResponse({ request, response }) {
        const ms = io.now() - (started.get(request) ?? io.now());
        io.trace(`${response.status} ${request.method} ${request.url} (${ms} ms)`);
        return undefined;
      },
    });
  }
  return client;
}
