import type { components, paths } from '../generated/schema.js';

export type { components, paths };
// The builds are interfaces over the generated schemas, not aliases of them: an alias of an
// indexed access type is expanded in full wherever it is used (editors' hovers, the client
// reference), while an interface keeps its name (`Promise<Build>`).
type BuildSchema = components['schemas']['Build'];
type BuildShortSchema = components['schemas']['BuildShort'];
type BuildsPageSchema = components['schemas']['BuildsPage'];
/** A build as the abort endpoint returns it. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- named, not expanded (above)
export interface Build extends BuildSchema {}
/** A build as it appears in a page of the list endpoint. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- named, not expanded (above)
export interface BuildShort extends BuildShortSchema {}
/** One page of the list endpoint: the unwrapped `data` object. */
export interface BuildsPage extends BuildsPageSchema {
  /** The builds of the page, in list order. */
  items: BuildShort[];
}
/** The status of a build: READY, RUNNING, SUCCEEDED, FAILED, TIMING-OUT, TIMED-OUT, ABORTING, ABORTED. */
export type ActorJobStatus = components['schemas']['ActorJobStatus'];
