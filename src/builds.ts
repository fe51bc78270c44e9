// The build methods: validate input, call the endpoints through openapi-fetch, unwrap `data`.
import type { Client } from 'openapi-fetch';
import { pageProblem } from './pagination/page-check.js';
import type { AbortBuildOptions, BuildsClient } from './public.js';
import type { Redact } from './redact.js';
import { unwrapData, type StreamResult } from './responses.js';
import type { Exchange } from './exchange.js';
import { ABORT_OPTIONS, LIST_OPTIONS, readOptions } from './options.js';
import type { Send } from './transport.js';
import type { Build, BuildsPage, paths } from './types.js';
import { checkId } from './validate.js';
import { walkBuilds } from './pagination/items.js';
import { walkBuildPages, type Answer, type WalkSource } from './pagination/walk.js';

const LIST = '/v2/actors/{actorId}/builds';
const ABORT = '/v2/actor-builds/{buildId}/abort';
/** The Actor's own abort route, deprecated by the API in favour of {@link ABORT}. */
const ACTOR_ABORT = `${LIST}/{buildId}/abort` as const;

/** A typed openapi-fetch call, made with the fetch it is given. */
type OpenApiCall<T> = (fetch: (sent: Request) => Promise<Response>) => Promise<T>;

/** Only what is given: the API has its own defaults. */
type ListQuery = { offset?: number; limit?: number; desc?: boolean };

function buildProblem(data: Record<string, unknown>): string | undefined {
  return typeof data['id'] === 'string' && typeof data['status'] === 'string'
    ? undefined
    : 'data is not a build with a string id and status';
}

/** What every call of a client shares. */
interface CallContext {
  /** The base URL's path, without a trailing slash. */
  prefix: string;
  redact: Redact;
  /** The retrying transport; each call passes its own fetch to learn what was sent. */
  send: Send;
  /** The client sends no token: a 401 or 403 then says so. */
  tokenless: boolean;
}

/**
 * One call through openapi-fetch (and its middleware), its `data` checked by `problemOf`; with
 * what was sent and answered, so a walk can name that response in an error about the data.
 */
async function call<T>(
  { prefix, redact, send, tokenless }: CallContext,
  method: 'GET' | 'POST',
  route: string,
  path: Record<string, string>,
  signal: AbortSignal | undefined,
  /** The typed openapi-fetch call, made with the fetch it is given. */
  request: OpenApiCall<StreamResult>,
  /** What is wrong with the answer's `data`, if anything. */
  problemOf: (data: Record<string, unknown>) => string | undefined,
): Promise<Answer<T>> {
  let exchange: Exchange | undefined;
  const result = await request(async (sent) => (exchange = await send(sent, signal)).response);
  // No exchange when a middleware answered in place of the request: the path asked for.
  const sent = exchange
    ? { method: exchange.method, path: exchange.path, attempts: exchange.attempts }
    : {
        method,
        path: redact(
          prefix +
            route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name]!)),
        ),
        attempts: 1,
      };
  const data = await unwrapData<T>(result, sent, redact, problemOf, exchange, tokenless);
  // Status and headers only: the response keeps the bytes of its body alive.
  const { status, headers } = result.response;
  return { data, sent, status, headers };
}

export function createBuildMethods(
  raw: Client<paths>,
  basePath: string,
  redact: Redact,
  /** The retrying transport; each call passes its own fetch to learn what was sent. */
  send: Send,
  /** The client sends no token: a 401 or 403 then says so. */
  tokenless: boolean,
): Omit<BuildsClient, 'raw'> {
  const context: CallContext = { prefix: basePath.replace(/\/+$/, ''), redact, send, tokenless };

  // 'stream': openapi-fetch leaves a 2xx body unread; unwrapData decodes it once.
  const getPage = (
    actorId: string,
    query: ListQuery,
    signal: AbortSignal | undefined,
  ): Promise<Answer<BuildsPage>> =>
    call(
      context,
      'GET',
      LIST,
      { actorId },
      signal,
      (fetch) => raw.GET(LIST, { params: { path: { actorId }, query }, parseAs: 'stream', fetch }),
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
      // The two routes differ only in their path; both are typed openapi-fetch calls.
      const path = viaActor ? { actorId: first, buildId } : { buildId };
      const post: OpenApiCall<StreamResult> = viaActor
        ? (fetch) =>
            raw.POST(ACTOR_ABORT, {
              params: { path: { actorId: first, buildId } },
              parseAs: 'stream',
              fetch,
            })
        : (fetch) => raw.POST(ABORT, { params: { path: { buildId } }, parseAs: 'stream', fetch });
      const route = viaActor ? ACTOR_ABORT : ABORT;
      const answer = await call<Build>(context, 'POST', route, path, signal, post, buildProblem);
      return answer.data;
    },
  };
}
