// The build methods: validate input, call the two endpoints through openapi-fetch, unwrap `data`.
import type { Client } from 'openapi-fetch';
import type { BuildsClient, ListBuildsOptions } from './client.js';
import { checkPage } from './page.js';
import { isObject, unwrapData } from './responses.js';
import { requestOf } from './transport.js';
import type { Build, BuildsPage, paths } from './types.js';
import { checkBoolean, checkId, checkInteger, checkOptions, checkSignal } from './validate.js';
import { walkBuildPages, walkBuilds, type FetchBuildsPage } from './walk.js';

const LIST = '/v2/actors/{actorId}/builds';
const ABORT = '/v2/actors/{actorId}/builds/{buildId}/abort';
const MAX_LIMIT = 1000;

type ListQuery = { offset?: number; limit?: number; desc?: boolean };

function isBuild(data: unknown): data is Build {
  return isObject(data) && typeof data['id'] === 'string' && typeof data['status'] === 'string';
}

export function createBuildMethods(
  raw: Client<paths>,
  basePath: string,
  redact: (text: string) => string,
  /** The transport for these calls: it keeps each body as text (see `textOf`). */
  fetch: (request: Request) => Promise<Response>,
): Omit<BuildsClient, 'raw'> {
  const prefix = basePath.replace(/\/+$/, '');
  const pathOf = (...segments: string[]): string =>
    `${prefix}/v2/actors/${segments.map(encodeURIComponent).join('/')}`;

  async function getPage(
    actorId: string,
    query: ListQuery,
    signal: AbortSignal | undefined,
  ): Promise<BuildsPage> {
    const { response } = await raw.GET(LIST, {
      params: { path: { actorId }, query },
      // The body waits in `textOf`; 'text' keeps openapi-fetch from parsing the bodiless copy.
      parseAs: 'text',
      fetch,
      signal: signal ?? null,
    });
    const fallback = { method: 'GET', path: `${pathOf(actorId)}/builds`, attempts: 1 };
    const data = unwrapData(response, fallback, redact, 'data: a page of builds', isObject);
    const request = { ...(requestOf.get(response) ?? fallback), status: response.status };
    return checkPage(data, query.offset, request);
  }

  const walkPage =
    (actorId: string): FetchBuildsPage =>
    (query, signal) =>
      getPage(actorId, query, signal);

  return {
    async listBuilds(actorId, options) {
      checkId('actorId', actorId);
      const given = checkOptions('options', options);
      const signal = checkSignal(given.signal);
      const query: ListQuery = {};
      if (given.offset !== undefined)
        query.offset = checkInteger('offset', given.offset, 0, Number.MAX_SAFE_INTEGER, 0);
      if (given.limit !== undefined)
        query.limit = checkInteger('limit', given.limit, 1, MAX_LIMIT, MAX_LIMIT);
      const desc = checkBoolean('desc', given.desc);
      if (desc !== undefined) query.desc = desc;
      return getPage(actorId, query, signal);
    },

    iterateBuildPages(actorId, options) {
      return walkBuildPages(actorId, options, walkPage(actorId), `${pathOf(actorId)}/builds`);
    },

    iterateBuilds(actorId, options) {
      return walkBuilds(actorId, options, walkPage(actorId), `${pathOf(actorId)}/builds`);
    },

    async abortBuild(actorId, buildId, options) {
      checkId('actorId', actorId);
      checkId('buildId', buildId);
      const signal = checkSignal(checkOptions('options', options).signal);
      const { response } = await raw.POST(ABORT, {
        params: { path: { actorId, buildId } },
        parseAs: 'text',
        fetch,
        signal: signal ?? null,
      });
      const fallback = {
        method: 'POST',
        path: `${pathOf(actorId, 'builds', buildId)}/abort`,
        attempts: 1,
      };
      return unwrapData(response, fallback, redact, 'data: a build', isBuild);
    },
  };
}
