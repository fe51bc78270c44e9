// Which operation a request is, under either prefix: the canonical /v2/actors/ and the legacy
// /v2/acts/ route to the same handlers, as on the live API; /v2/actor-builds/ aborts by build id.
import { FakeApiError } from './errors.js';

/** The API's largest page; a missing limit means this many. */
export const MAX_LIMIT = 1000;

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

/**
 * offset/limit/desc read as the live API reads what apify-client sends: a limit above the
 * maximum is capped, anything unreadable falls back to the default (benchmark fast path).
 */
export function lenientPageOf(searchParams: URLSearchParams): {
  offset: number;
  limit: number;
  desc: boolean;
} {
  const offset = Number(searchParams.get('offset') ?? 0) || 0;
  const limit = Math.min(Number(searchParams.get('limit') ?? MAX_LIMIT) || MAX_LIMIT, MAX_LIMIT);
  const desc = ['true', '1'].includes(searchParams.get('desc') ?? '');
  return { offset, limit, desc };
}
