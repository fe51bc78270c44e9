// The build methods: validate input, call the two endpoints through openapi-fetch, unwrap `data`.
import type { Client } from 'openapi-fetch';
import type { BuildsClient, IterateBuildsOptions, ListBuildsOptions } from './client.js';
import { walkPages, type PageRequest, type WalkOptions } from './paginate.js';
import { isObject, unwrapData } from './responses.js';
import type { Build, BuildShort, BuildsPage, paths } from './types.js';
import { checkBoolean, checkId, checkInteger, checkOptions, checkSignal } from './validate.js';

const LIST = '/v2/actors/{actorId}/builds';
const ABORT = '/v2/actors/{actorId}/builds/{buildId}/abort';
const MAX_LIMIT = 1000;

type ListQuery = { offset?: number; limit?: number; desc?: boolean };

function isBuildsPage(data: unknown): data is BuildsPage {
  return (
    isObject(data) &&
    Array.isArray(data['items']) &&
    typeof data['total'] === 'number' &&
    typeof data['offset'] === 'number' &&
    typeof data['count'] === 'number' &&
    typeof data['limit'] === 'number'
  );
}

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
    return unwrapData(response, fallback, redact, 'data: a page of builds', isBuildsPage);
  }

  function walkOptions(
    actorId: string,
    options: IterateBuildsOptions | undefined,
  ): WalkOptions & { signal?: AbortSignal } {
    checkId('actorId', actorId);
    const given = checkOptions('options', options);
    const signal = checkSignal(given.signal);
    const walk = {
      offset: checkInteger('offset', given.offset, 0, Number.MAX_SAFE_INTEGER, 0),
      pageSize: checkInteger('pageSize', given.pageSize, 1, MAX_LIMIT, MAX_LIMIT),
      desc: checkBoolean('desc', given.desc) ?? false,
      maxItems: checkInteger(
        'maxItems',
        given.maxItems,
        0,
        Number.MAX_SAFE_INTEGER,
        Number.MAX_SAFE_INTEGER,
      ),
    };
    return signal === undefined ? walk : { ...walk, signal };
  }

  async function* pages(
    actorId: string,
    options: IterateBuildsOptions | undefined,
  ): AsyncGenerator<BuildsPage, void, undefined> {
    const { signal, ...walk } = walkOptions(actorId, options);
    const fetchPage = (
      { offset, limit }: PageRequest,
      pageSignal: AbortSignal,
    ): Promise<BuildsPage> =>
      getPage(actorId, walk.desc ? { offset, limit, desc: true } : { offset, limit }, pageSignal);
    yield* walkPages<BuildShort, BuildsPage>(fetchPage, walk, signal);
  }

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
      return pages(actorId, options);
    },

    iterateBuilds(actorId, options) {
      return flatten(pages(actorId, options));
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

/**
 * Items of each page in turn. Hand-written rather than an async generator: items already in
 * memory are handed out without a generator round trip each. Calls that overlap share one page
 * load, so items still come once each and in order.
 */
function flatten<T>(
  pages: AsyncGenerator<{ items: T[] }, void, undefined>,
): AsyncIterableIterator<T> {
  let items: T[] = [];
  let index = 0;
  let done = false;
  let loading: Promise<void> | undefined;
  const load = async (): Promise<void> => {
    try {
      const step = await pages.next();
      if (step.done) done = true;
      else [items, index] = [step.value.items, 0];
    } finally {
      loading = undefined;
    }
  };
  const step = async (): Promise<IteratorResult<T, undefined>> => {
    while (index >= items.length) {
      if (done) return { done: true, value: undefined };
      await (loading ??= load());
    }
    return { done: false, value: items[index++] as T };
  };
  // Calls that must wait for a page run one after another, so results keep the call order.
  let waiting = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const iterator: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T, undefined>> {
      // A build already at hand costs one settled promise and nothing more.
      if (waiting === 0 && index < items.length) {
        return Promise.resolve({ done: false, value: items[index++] as T });
      }
      waiting += 1;
      const result = tail.then(step).finally(() => {
        waiting -= 1;
      });
      tail = result.catch(() => {});
      return result;
    },
    async return(): Promise<IteratorResult<T, undefined>> {
      done = true;
      items = [];
      await pages.return();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
