// The build methods: validate input, call the two endpoints through openapi-fetch, unwrap `data`.
import type { Client } from 'openapi-fetch';
import { pageProblem } from './page.js';
import type { BuildsClient, ListBuildsOptions } from './public.js';
import type { Redact } from './redact.js';
import { unwrapData } from './responses.js';
import type { Exchange, Send } from './transport.js';
import type { Build, BuildsPage, paths } from './types.js';
import { ABORT_OPTIONS, LIST_OPTIONS, checkId, checkOptions } from './validate.js';
import { walkBuildPages, walkBuilds, type WalkSource } from './walk.js';

const LIST = '/v2/actors/{actorId}/builds';
const ABORT = '/v2/actors/{actorId}/builds/{buildId}/abort';

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
  const listPath = (actorId: string): string =>
    redact(`${prefix}/v2/actors/${encodeURIComponent(actorId)}/builds`);

  /** A call's Exchange, and a fetch for openapi-fetch that sends through it. */
  function exchangeOf(
    method: string,
    signal: AbortSignal | undefined,
  ): [Exchange, (request: Request) => Promise<Response>] {
    const exchange: Exchange = { method, path: '', attempts: 1, signal };
    return [exchange, (request) => send(request, exchange)];
  }

  async function getPage(
    actorId: string,
    query: ListQuery,
    signal: AbortSignal | undefined,
  ): Promise<BuildsPage> {
    const [exchange, fetch] = exchangeOf('GET', signal);
    // 'stream': openapi-fetch leaves a 2xx body unread; unwrapData decodes it once.
    const result = await raw.GET(LIST, {
      // Undefined parameters stay out of the query.
      params: { path: { actorId }, query: query as { offset?: number } },
      parseAs: 'stream',
      fetch,
    });
    exchange.path ||= listPath(actorId);
    return unwrapData(result, exchange, redact, 'data: a page of builds', (data) =>
      pageProblem(data, query.offset),
    );
  }

  const walks: WalkSource = { getPage, listPath, redact };

  return {
    async listBuilds(actorId, options) {
      checkId('actorId', actorId, redact);
      const { offset, limit, desc, signal } = checkOptions('options', options, LIST_OPTIONS);
      return getPage(actorId, { offset, limit, desc }, signal);
    },

    iterateBuildPages(actorId, options) {
      return walkBuildPages(actorId, options, walks);
    },

    iterateBuilds(actorId, options) {
      return walkBuilds(walkBuildPages(actorId, options, walks));
    },

    async abortBuild(actorId, buildId, options) {
      checkId('actorId', actorId, redact);
      checkId('buildId', buildId, redact);
      const { signal } = checkOptions('options', options, ABORT_OPTIONS);
      const [exchange, fetch] = exchangeOf('POST', signal);
      const params = { path: { actorId, buildId } };
      const result = await raw.POST(ABORT, { params, parseAs: 'stream', fetch });
      exchange.path ||= redact(`${listPath(actorId)}/${encodeURIComponent(buildId)}/abort`);
      return unwrapData(result, exchange, redact, 'data: a build', buildProblem);
    },
  };
}
