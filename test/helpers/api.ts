// What the integration tests share: a per-test loopback server, a client pointed at it with
// short retry delays, Apify-shaped bodies, and small assertions.
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  createBuildsClient,
  type BuildsClient,
  type ActorJobStatus,
  type BuildShort,
  type BuildsClientOptions,
} from '../../src/index.js';
import { shortBuildAt } from '../../fake-api/server.js';
import { startLoopback, type Loopback } from './loopback.js';

export const ACTOR = 'janedoe~my-actor';
export const BUILD = 'HG7ML7M8z78YcAPEB';
export const LIST_PATH = `/v2/actors/${ACTOR}/builds`;
export const ABORT_PATH = `/v2/actors/${ACTOR}/builds/${BUILD}/abort`;
export const TOKEN = 'apify_api_s3cr3tT0kenF0rTests';

/** Starts a loopback server before each test and destroys it (hanging sockets too) after. */
export function useLoopback(): () => Loopback {
  let current: Loopback | undefined;
  beforeEach(async () => {
    current = await startLoopback();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('the loopback server runs only inside a test');
    return current;
  };
}

/** A client of `server` with the test token and retry delays of a few ms. */
export function clientOf(server: Loopback, options: BuildsClientOptions = {}): BuildsClient {
  return createBuildsClient({
    baseUrl: server.url,
    token: TOKEN,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    ...options,
  });
}

/** A listed build (the fake API's first) under another id and status. */
export function build(id: string, status: ActorJobStatus = 'SUCCEEDED'): BuildShort {
  return { ...shortBuildAt(0, 'actor', 'user'), id, status };
}

export function pageBody(count = 2, total = count) {
  const items = Array.from({ length: count }, (_, i) => build(`build${i}`));
  return { data: { total, offset: 0, limit: 1000, desc: false, count, items } };
}

export function errorBody(type: string, message: string) {
  return { error: { type, message } };
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

/** Every value of `iterable`, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

export function expectNoAbortListeners(signal: AbortSignal): void {
  expect(getEventListeners(signal, 'abort')).toHaveLength(0);
}

/** Unsets the environment variable `name` for each test of the calling suite, then restores it. */
export function unsetEnvEachTest(name: string): void {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[name];
    Reflect.deleteProperty(process.env, name);
  });
  afterEach(() => {
    if (saved === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = saved;
  });
}
