// The public surface, exactly: the factory, its interfaces, the errors and the API's types.

/**
 * A typed client for the Apify Actor builds API, over `openapi-fetch`.
 *
 * Start with {@link createBuildsClient}: it returns a {@link BuildsClient} that lists one page
 * of an Actor's builds ({@link BuildsClient.listBuilds}), walks every build as one stream or page
 * by page ({@link BuildsClient.iterateBuilds}, {@link BuildsClient.iterateBuildPages}) and aborts
 * a build ({@link BuildsClient.abortBuild}). {@link BuildsClientOptions} lists the client's
 * options: the token (default `APIFY_TOKEN`), the base URL (default `APIFY_API_BASE_URL`, else
 * the API), timeouts and retries. A request that fails rejects with an {@link ApifyError}:
 * {@link ApifyApiError} for an answer that is not the expected 2xx JSON,
 * {@link ApifyTimeoutError} or {@link ApifyNetworkError} when no answer came; bad input is a
 * `TypeError` or `RangeError`, before anything is sent.
 *
 * @packageDocumentation
 * @example
 * import { createBuildsClient } from 'apify-builds-client';
 *
 * const client = createBuildsClient();
 * const page = await client.listBuilds('janedoe~my-actor', { limit: 10, desc: true });
 * for (const build of page.items) console.log(build.id, build.status);
 */
export { createBuildsClient } from './client.js';
export type {
  AbortBuildOptions,
  BuildsClient,
  BuildsClientOptions,
  IterateBuildsOptions,
  ListBuildsOptions,
} from './public.js';
export { ApifyApiError, ApifyError, ApifyNetworkError, ApifyTimeoutError } from './errors.js';
export { isTerminalStatus } from './status.js';
export type { ActorJobStatus, Build, BuildShort, BuildsPage, components, paths } from './types.js';
