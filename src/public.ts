// The public interfaces: what a client is and which options it takes. The implementation
// (client.ts, builds.ts) imports them; nothing here imports the implementation.
import type { Client } from 'openapi-fetch';
import type { Build, BuildShort, BuildsPage, paths } from './types.js';

/** Options of {@link createBuildsClient}. Each is optional. */
export interface BuildsClientOptions {
  /**
   * API token. Default: `process.env.APIFY_TOKEN` where `process` exists. Sent only as
   * `Authorization: Bearer …`, never in a URL, an error message or a log line.
   */
  token?: string | undefined;
  /**
   * The API's root, without `/v2`. Default: `process.env.APIFY_API_BASE_URL`, else
   * `https://api.apify.com` (the variable is read where `process` exists and when it is set and
   * not empty), e.g. `http://127.0.0.1:4010` for the fake API of `npm run mock`. A trailing slash
   * is ignored.
   */
  baseUrl?: string | undefined;
  /** The fetch to use (tests, proxies, edge runtimes). Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /**
   * Time limit of each attempt, body included, in ms: integer 1..2 147 483 647; default 30 000.
   * Exceeding it is an `ApifyTimeoutError`.
   */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, integer 0..100; default 4. 0 disables retries. */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff (full jitter), in ms: integer 0..2 147 483 647; default 500. */
  minRetryDelayMs?: number | undefined;
  /**
   * Cap of the backoff and of a server's `Retry-After`, in ms: integer 0..2 147 483 647;
   * default 30 000.
   */
  maxRetryDelayMs?: number | undefined;
  /** Appended to the default User-Agent where the runtime allows setting it (Node.js). */
  userAgent?: string | undefined;
}

/** Options of {@link BuildsClient.listBuilds}: one page of builds. */
export interface ListBuildsOptions {
  /** Position of the first build, integer >= 0; default 0. */
  offset?: number | undefined;
  /** Builds per page, integer 1..1000; default 1000. */
  limit?: number | undefined;
  /** Newest first when true; default oldest first. */
  desc?: boolean | undefined;
  /** Aborting it rejects the call with `signal.reason`. */
  signal?: AbortSignal | undefined;
}

/** Options of {@link BuildsClient.iterateBuilds} and {@link BuildsClient.iterateBuildPages}: a walk. */
export interface IterateBuildsOptions {
  /** Where to start (e.g. to resume a walk), integer >= 0; default 0. */
  offset?: number | undefined;
  /** Builds per request, integer 1..1000; default 1000. */
  pageSize?: number | undefined;
  /** Newest first when true; default oldest first. */
  desc?: boolean | undefined;
  /**
   * Stop after this many builds, integer >= 0; default all. The last request asks only for what
   * is left; 0 sends nothing.
   */
  maxItems?: number | undefined;
  /** Aborting it ends the walk: the next `next()` rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
}

/** Options of {@link BuildsClient.abortBuild}. */
export interface AbortBuildOptions {
  /** Aborting it rejects the call with `signal.reason`. */
  signal?: AbortSignal | undefined;
}

/** A client of the Actor builds API, as {@link createBuildsClient} returns it. */
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
   * Aborts a build: `POST /v2/actor-builds/{buildId}/abort`. Resolves to the unwrapped Build.
   * Only a build that is starting or running is aborted (it comes back `ABORTING`); a build that
   * has already finished, or is being aborted, is returned unchanged. Safe to retry.
   * @example
   * const build = await client.abortBuild('HG7ML7M8z78YcAPEB');
   * console.log(build.status); // ABORTING, or the final status of a finished build
   */
  abortBuild(buildId: string, options?: AbortBuildOptions): Promise<Build>;
  /**
   * Aborts a build through its Actor: `POST /v2/actors/{actorId}/builds/{buildId}/abort`, with
   * the same result as {@link BuildsClient.abortBuild | abortBuild(buildId)}.
   * @deprecated Use `abortBuild(buildId)`: the API moved this to
   * `POST /v2/actor-builds/{buildId}/abort`.
   */
  abortBuild(actorId: string, buildId: string, options?: AbortBuildOptions): Promise<Build>;
  /**
   * The underlying openapi-fetch client, typed by the generated `paths`, with the same auth,
   * timeout and retry behaviour. It returns `{ data, error, response }` and does not throw on
   * error statuses.
   */
  readonly raw: Client<paths>;
}
