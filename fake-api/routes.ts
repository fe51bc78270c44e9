// What the fake API answers: which operation a request is, under either prefix (the canonical
// /v2/actors/ and the legacy /v2/acts/ route to the same handlers, as on the live API;
// /v2/actor-builds/ aborts by build id), its methods, its token, failures a test asked for, the
// spec's query checks, and the operation itself on the store.
import type { IncomingHttpHeaders } from 'node:http';
import { FakeApiError, type ErrorStatus } from './errors.js';
import type { Answer } from './http.js';
import { checkQuery, specMaxLimit } from './parameters.js';
import type { BuildStore } from './store.js';

/** The API's largest page, as the spec says; a missing limit means this many. */
export const MAX_LIMIT = specMaxLimit();

export type Route =
  | { operation: 'list'; actorId: string }
  // The actor-builds route names no Actor.
  | { operation: 'abort'; actorId?: string; buildId: string };

/** The route of `pathname`; a 404 for anything else. */
export function routeOf(pathname: string): Route {
  let segments: string[];
  try {
    segments = pathname
      .replace(/\/$/, '')
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    throw new FakeApiError(404);
  }
  if (segments.length === 4 && segments[0] === 'v2' && segments[1] === 'actor-builds') {
    if (segments[3] === 'abort') return { operation: 'abort', buildId: segments[2]! };
  }
  const [v2, prefix, actorId, builds, buildId, abort] = segments;
  const known = v2 === 'v2' && (prefix === 'actors' || prefix === 'acts') && builds === 'builds';
  if (known && segments.length === 4) return { operation: 'list', actorId: actorId! };
  if (known && segments.length === 6 && abort === 'abort')
    return { operation: 'abort', actorId: actorId!, buildId: buildId! };
  throw new FakeApiError(404);
}

/** The methods each operation answers (besides OPTIONS). */
export const METHODS: Record<Route['operation'], string[]> = {
  list: ['GET', 'HEAD'],
  abort: ['POST'],
};

/**
 * offset/limit/desc of a query whose values the spec's schemas have passed (parameters.ts
 * checkQuery), with the API's defaults for those not given.
 */
export function pageOf(searchParams: URLSearchParams): {
  offset: number;
  limit: number;
  desc: boolean;
} {
  const desc = searchParams.get('desc');
  return {
    offset: Number(searchParams.get('offset') ?? 0),
    limit: Number(searchParams.get('limit') ?? MAX_LIMIT),
    desc: desc === 'true' || desc === '1',
  };
}

/** An error answer a test asked for: the next `times` routed requests get `status`. */
export interface Failure {
  status: ErrorStatus;
  times: number;
  retryAfter: number | string | undefined;
}

/** What the answers read and change. */
export interface ApiState {
  store: BuildStore;
  /** When set, only this token is accepted; otherwise any Bearer token or none. */
  token: string | undefined;
  failures: Failure[];
  /** Called after each abort (the mock keeps a build to abort). */
  aborted(): void;
}

/** A Bearer header or, as the live API also takes, a `token` query parameter. */
function authorize(token: string | undefined, header: string | undefined, query: string | null) {
  if (header === undefined) {
    if (token !== undefined && query !== token) throw new FakeApiError(401);
    return;
  }
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match || (token !== undefined && match[1] !== token)) throw new FakeApiError(401);
}

/** The answer to one request; a FakeApiError for every error answer. */
export function answer(
  state: ApiState,
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
): Answer {
  const route = routeOf(url.pathname);
  const allowed = METHODS[route.operation];
  if (method === 'OPTIONS')
    return { status: 204, headers: { Allow: ['OPTIONS', ...allowed].join(', ') } };
  if (!allowed.includes(method)) {
    const methods = ['OPTIONS', allowed[0]].join(',');
    throw new FakeApiError(
      405,
      `This API end-point can only be accessed using the following HTTP methods: ${methods}`,
      { Allow: methods.replace(',', ', ') },
    );
  }
  authorize(state.token, headers.authorization, url.searchParams.get('token'));
  const failure = state.failures[0];
  if (failure) {
    if (--failure.times <= 0) state.failures.shift();
    const retryAfter = failure.retryAfter;
    throw new FakeApiError(
      failure.status,
      undefined,
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
  }
  checkQuery(method, url);
  const { store } = state;
  const { actorId } = route;
  if (actorId !== undefined && actorId !== store.actor.id && actorId !== store.actor.name)
    throw new FakeApiError(404);
  if (route.operation === 'list') {
    const page = pageOf(url.searchParams);
    return { status: 200, body: { data: store.list(page.offset, page.limit, page.desc) } };
  }
  const build = store.abort(route.buildId);
  if (!build) throw new FakeApiError(404);
  state.aborted();
  return { status: 200, body: { data: build } };
}
