// The public surface, exactly: the factory, its interfaces, the errors and the API's types.
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
