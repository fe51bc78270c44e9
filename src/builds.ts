// The build methods: validate input, make one call (request.ts), unwrap and check its `data`.
import { pageProblem } from './pagination/page-check.js';
import type { AbortBuildOptions, BuildsClient } from './public.js';
import type { Redact } from './redact.js';
import type { Call, Requests } from './request.js';
import { unwrapData } from './responses.js';
import { ABORT_OPTIONS, LIST_OPTIONS, readOptions } from './options.js';
import type { Build, BuildsPage } from './types.js';
import { checkId } from './validate.js';
import { walkBuilds } from './pagination/items.js';
import { walkBuildPages, type Answer, type WalkSource } from './pagination/walk.js';

function buildProblem(data: Record<string, unknown>): string | undefined {
  return typeof data['id'] === 'string' && typeof data['status'] === 'string'
    ? undefined
    : 'data is not a build with a string id and status';
}

export function createBuildMethods(
  request: Requests['request'],
  redact: Redact,
  /** The client sends no token: a 401 or 403 then says so. */
  tokenless: boolean,
): Omit<BuildsClient, 'raw'> {
  /**
   * One call, its `data` checked by `problemOf`; with what was sent and answered, so a walk can
   * name that response in an error about the data.
   */
  const answer = async <T>(
    call: Call,
    problemOf: (data: Record<string, unknown>) => string | undefined,
  ): Promise<Answer<T>> => {
    const reply = await request(call);
    const data = await unwrapData<T>(reply, problemOf, redact, tokenless);
    // Status and headers only: the response keeps the bytes of its body alive.
    const { status, headers } = reply.response;
    return { data, sent: reply.sent, status, headers };
  };

  const getPage = (actorId: string, query: NonNullable<Call['query']>, signal?: AbortSignal) =>
    answer<BuildsPage>(
      { method: 'GET', route: '/v2/actors/{actorId}/builds', path: { actorId }, query, signal },
      // Without an offset the API starts at its default, and says so.
      (data) => pageProblem(data, query.offset ?? LIST_OPTIONS.offset.default),
    );

  const walks: WalkSource = { getPage, redact };

  return {
    async listBuilds(actorId, options) {
      checkId('actorId', actorId, redact);
      // The rest are the query: only offset, limit and desc, and only as given.
      const { signal, ...query } = readOptions(options, LIST_OPTIONS);
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
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- this implements the deprecated form too
    async abortBuild(first: string, second?: unknown, ...rest: unknown[]) {
      const viaActor = typeof second === 'string' || rest.length > 0;
      if (viaActor) checkId('actorId', first, redact);
      const buildId = viaActor ? second : first;
      checkId('buildId', buildId, redact);
      const given = (viaActor ? rest[0] : second) as AbortBuildOptions | undefined;
      const { signal } = readOptions(given, ABORT_OPTIONS);
      // The two aborts differ only in their route: the Actor's own is deprecated by the API.
      const call: Call = viaActor
        ? {
            method: 'POST',
            route: '/v2/actors/{actorId}/builds/{buildId}/abort',
            path: { actorId: first, buildId },
            signal,
          }
        : { method: 'POST', route: '/v2/actor-builds/{buildId}/abort', path: { buildId }, signal };
      return (await answer<Build>(call, buildProblem)).data;
    },
  };
}
