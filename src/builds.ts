// The build methods: validate input, call the endpoints through openapi-fetch, unwrap `data`.
import type { Client } from 'openapi-fetch';
import { pageProblem } from './page.js';
import type { AbortBuildOptions, BuildsClient } from './public.js';
import type { Redact } from './redact.js';
import { unwrapData, type StreamResult } from './responses.js';
import type { Exchange, Send } from './transport.js';
import type { Build, BuildsPage, paths } from './types.js';
import { ABORT_OPTIONS, LIST_OPTIONS, checkId, checkOptions } from './validate.js';
import { walkBuildPages, walkBuilds, type Answer, type WalkSource } from './walk.js';

const LIST = '/v2/actors/{actorId}/builds';
const ABORT = '/v2/actor-builds/{buildId}/abort';
/** The Actor's own abort route, deprecated by the API in favour of {@link ABORT}. */
const ACTOR_ABORT = `${LIST}/{buildId}/abort`;

type ListQuery = {
  offset?: number | undefined;
  limit?: number | undefined;
  desc?: boolean | undefined;
};

function buildProblem(data: Record<string, unknown>): string | undefined {
  return typeof data['id'] === 'string' && typeof data['status'] === 'string'
    ? undefined
    : 'data is not a build with a string id and status';
}

export function createBuildMethods(
  raw: Client<paths>,
  basePath: string,
  redact: Redact,
  /** The retrying transport; each call passes its own Exchange to learn what was sent. */
  send: Send,
): Omit<BuildsClient, 'raw'> {
  const prefix = basePath.replace(/\/+$/, '');
  // The path asked for, for when no request went out (a middleware answered in its place).
  const pathOf = (route: string, path: Record<string, string>): string =>
    redact(
      prefix + route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name]!)),
    );
  // Both routes through one typed-loosely door; the route constants above are in `paths`.
  const request = raw.request as unknown as (
    method: string,
    route: string,
    init: object,
  ) => Promise<StreamResult>;

  /**
   * One call through openapi-fetch (and its middleware), its `data` checked by `problemOf`; with
   * the response it came in, so a walk can name that response in an error about the data.
   */
  async function call<T>(
    method: string,
    route: string,
    // Undefined parameters stay out of the query.
    params: { path: Record<string, string>; query?: ListQuery },
    signal: AbortSignal | undefined,
    problemOf: (data: Record<string, unknown>) => string | undefined,
  ): Promise<Answer<T>> {
    // Filled in by the transport with what was sent, after any middleware.
    const exchange = { method, attempts: 1, signal } as Exchange;
    // 'stream': openapi-fetch leaves a 2xx body unread; unwrapData decodes it once.
    const result = await request(method, route, {
      params,
      parseAs: 'stream',
      fetch: (sent: Request) => send(sent, exchange),
    });
    exchange.path ??= pathOf(route, params.path);
    const data = await unwrapData<T>(result, exchange, redact, problemOf);
    // Status and headers only: the response keeps the bytes of its body alive.
    const { status, headers } = result.response;
    return { data, exchange, status, headers };
  }

  const getPage = (
    actorId: string,
    query: ListQuery,
    signal: AbortSignal | undefined,
  ): Promise<Answer<BuildsPage>> =>
    call('GET', LIST, { path: { actorId }, query }, signal, (data) =>
      // Without an offset the API starts at 0, and says so.
      pageProblem(data, query.offset ?? 0),
    );

  const walks: WalkSource = { getPage, redact };

  return {
    async listBuilds(actorId, options) {
      checkId('actorId', actorId, redact);
      // The rest are the query: checkOptions let through only offset, limit and desc.
      const { signal, ...query } = checkOptions('options', options, LIST_OPTIONS);
      return (await getPage(actorId, query, signal)).data;
    },

    iterateBuildPages(actorId, options) {
      return walkBuildPages(actorId, options, walks);
    },

    iterateBuilds(actorId, options) {
      return walkBuilds(walkBuildPages(actorId, options, walks));
    },

    // A string second argument is a buildId: the deprecated two-id form. So is a third argument,
    // whatever the second is, so that a missing buildId is reported rather than sent as the first.
    async abortBuild(first: string, second?: unknown, ...rest: unknown[]) {
      if (typeof second !== 'string' && !rest.length) {
        checkId('buildId', first, redact);
        const { signal } = checkOptions(
          'options',
          second as AbortBuildOptions | undefined,
          ABORT_OPTIONS,
        );
        return (
          await call<Build>('POST', ABORT, { path: { buildId: first } }, signal, buildProblem)
        ).data;
      }
      checkId('actorId', first, redact);
      checkId('buildId', second, redact);
      const { signal } = checkOptions(
        'options',
        rest[0] as AbortBuildOptions | undefined,
        ABORT_OPTIONS,
      );
      const path = { actorId: first, buildId: second };
      return (await call<Build>('POST', ACTOR_ABORT, { path }, signal, buildProblem)).data;
    },
  };
}
