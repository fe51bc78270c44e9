// Which operation a request is, under either prefix: the canonical /v2/actors/ and the legacy
// /v2/acts/ route to the same handlers, as on the live API; /v2/actor-builds/ aborts by build id.
import { FakeApiError, invalid } from './errors.js';

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

/** offset/limit/desc exactly as the spec types them; anything else is a 400. */
export function pageOf(searchParams: URLSearchParams): {
  offset: number;
  limit: number;
  desc: boolean;
} {
  const one = (name: string) => {
    const values = searchParams.getAll(name);
    if (values.length > 1) throw invalid(name, 'given at most once');
    return values[0];
  };
  const integer = (name: string, min: number, max: number | undefined, fallback: number) => {
    const value = one(name);
    if (value === undefined) return fallback;
    const allowed =
      max === undefined ? `an integer >= ${min}` : `an integer between ${min} and ${max}`;
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) throw invalid(name, allowed);
    if (number < min || (max !== undefined && number > max)) throw invalid(name, allowed);
    return number;
  };
  const offset = integer('offset', 0, undefined, 0);
  const limit = integer('limit', 1, MAX_LIMIT, MAX_LIMIT);
  const descValue = one('desc');
  let desc = false;
  if (descValue !== undefined) {
    if (!['true', 'false', '1', '0'].includes(descValue))
      throw invalid('desc', 'true, false, 1 or 0');
    desc = descValue === 'true' || descValue === '1';
  }
  return { offset, limit, desc };
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
