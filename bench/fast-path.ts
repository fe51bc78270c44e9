// The benchmark's fast path, put in front of the fake API as an override: list requests for the
// benchmark's own Actors are answered with pre-made bodies (serialised once, so every contender
// costs the server the same), their offset/limit/desc read as the live API reads what
// apify-client sends (a limit above 1000 capped). Parameter names are still the spec's: an
// unknown one is a 400 as from the fake. Anything it does not answer goes on to the fake.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeApiError } from '../fake-api/errors.js';
import { checkQuery } from '../fake-api/parameters.js';
import { MAX_LIMIT, routeOf } from '../fake-api/routes.js';
import { send, type Override } from '../fake-api/server.js';

export interface PageQuery {
  offset: number;
  limit: number;
  desc: boolean;
}

/** A pre-made answer to a list request, or `'hang'` for none at all. */
export type FastAnswer =
  { status?: number; body: Buffer; headers?: Record<string, string>; delayMs?: number } | 'hang';

/** offset/limit/desc read leniently: unreadable values fall back, a limit is capped. */
export function lenientPageOf(searchParams: URLSearchParams): PageQuery {
  const offset = Number(searchParams.get('offset') ?? 0) || 0;
  const limit = Math.min(Number(searchParams.get('limit') ?? MAX_LIMIT) || MAX_LIMIT, MAX_LIMIT);
  const desc = ['true', '1'].includes(searchParams.get('desc') ?? '');
  return { offset, limit, desc };
}

/** An override that answers list requests `answerFor` knows; the rest go on to the fake. */
export function fastPath(
  answerFor: (actorId: string, page: PageQuery) => FastAnswer | undefined,
): Override {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let actorId: string;
    try {
      const route = routeOf(url.pathname);
      if (route.operation !== 'list' || req.method !== 'GET') return 'next';
      actorId = route.actorId;
      checkQuery('GET', url, { values: false });
    } catch (error) {
      if (!(error instanceof FakeApiError) || error.status !== 400) return 'next';
      send(res, { status: 400, body: error.body });
      return undefined;
    }
    const fast = answerFor(actorId, lenientPageOf(url.searchParams));
    if (fast === undefined) return 'next';
    if (fast === 'hang') return undefined;
    const write = () => {
      send(res, {
        status: fast.status ?? 200,
        body: fast.body,
        ...(fast.headers ? { headers: fast.headers } : {}),
      });
    };
    if (fast.delayMs) setTimeout(write, fast.delayMs);
    else write();
    return undefined;
  };
}
