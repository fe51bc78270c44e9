import type { components, paths } from '../generated/schema.js';

export type { components, paths };
/** A build as the abort endpoint returns it. */
export type Build = components['schemas']['Build'];
/** A build as it appears in a page of the list endpoint. */
export type BuildShort = components['schemas']['BuildShort'];
/** One page of the list endpoint: the unwrapped `data` object. */
export type BuildsPage = components['schemas']['BuildsPage'];
/** The status of a build: READY, RUNNING, SUCCEEDED, FAILED, TIMING-OUT, TIMED-OUT, ABORTING, ABORTED. */
export type ActorJobStatus = components['schemas']['ActorJobStatus'];
