export { createBuildsClient } from './client.js';
export type {
  BuildsClient,
  BuildsClientOptions,
  IterateBuildsOptions,
  ListBuildsOptions,
} from './client.js';
export { ApifyApiError, ApifyNetworkError, ApifyTimeoutError } from './errors.js';
export type { ApiErrorDetails, RequestDetails } from './errors.js';
export { isTerminalStatus } from './status.js';
export type { ActorJobStatus, Build, BuildShort, BuildsPage, components, paths } from './types.js';
