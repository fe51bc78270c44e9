// The build methods: validate input, call the two endpoints through openapi-fetch, unwrap `data`.
import type { Client } from 'openapi-fetch';
import { walkPages, type PageRequest, type WalkOptions } from './paginate.js';
import type { BuildsClient, IterateBuildsOptions, ListBuildsOptions } from './public.js';
import type { Redact } from './redact.js';
import { isObject, unwrapData } from './responses.js';
import type { Exchange, Send } from './transport.js';
import type { Build, BuildShort, BuildsPage, paths } from './types.js';
import {
  ABORT_OPTIONS,
  LIST_OPTIONS,
  WALK_OPTIONS,
  checkBoolean,
  checkId,
  checkInteger,
  checkOptions,
  checkSignal,
} from './validate.js';

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
  redact: Redact,
  /** The retrying transport; each call passes its own Exchange to learn what was sent. */
  send: Send,
): Omit<BuildsClient, 'raw'> {
  const prefix = basePath.replace(/\/+$/, '');
  // The path asked for, for when no request went out (a middleware answered in its place).
  const pathOf = (...segments: string[]): string =>
    redact(`${prefix}/v2/actors/${segments.map(encodeURIComponent).join('/')}`);

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
      params: { path: { actorId }, query },
      parseAs: 'stream',
      fetch,
    });
    exchange.path ||= `${pathOf(actorId)}/builds`;
    return unwrapData(result, exchange, redact, 'data: a page of builds', isBuildsPage);
  }

  function walkOptions(
    actorId: string,
    options: IterateBuildsOptions | undefined,
  ): WalkOptions & { signal?: AbortSignal } {
    checkId('actorId', actorId, redact);
    const given = checkOptions('options', options, WALK_OPTIONS);
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
      checkId('actorId', actorId, redact);
      const given = checkOptions('options', options, LIST_OPTIONS);
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
      checkId('actorId', actorId, redact);
      checkId('buildId', buildId, redact);
      const signal = checkSignal(checkOptions('options', options, ABORT_OPTIONS).signal);
      const [exchange, fetch] = exchangeOf('POST', signal);
      const params = { path: { actorId, buildId } };
      const result = await raw.POST(ABORT, { params, parseAs: 'stream', fetch });
      exchange.path ||= `${pathOf(actorId, 'builds', buildId)}/abort`;
      return unwrapData(result, exchange, redact, 'data: a build', isBuild);
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
