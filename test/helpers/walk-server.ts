// An in-memory list of builds served over the loopback server: pages cut from the list as it is
// when each request arrives, so tests can start or delete builds between requests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { shortBuildAt } from '../../fake-api/server.js';
import type { BuildShort } from '../../src/index.js';
import { sendJson, startLoopback } from './loopback.js';

export interface SeenRequest {
  offset: number;
  limit: number;
  desc: boolean;
}

/** The fake API's listed build at `number`, named `build000123` so tests can read the order. */
export function buildNumber(number: number): BuildShort {
  return {
    ...shortBuildAt(number, 'actor', 'user'),
    id: `build${String(number).padStart(6, '0')}`,
  };
}

/** Builds oldest first; `beforeAnswer` may change them before each page is cut. */
export async function startBuildsServer(count: number) {
  const loopback = await startLoopback();
  let started = 0;
  const state = {
    builds: [] as BuildShort[],
    requests: [] as SeenRequest[],
    /** Starts `n` builds (the newest end). */
    add(n: number) {
      for (let i = 0; i < n; i += 1) state.builds.push(buildNumber(started++));
    },
    /** Deletes the `n` oldest builds. */
    deleteOldest(n: number) {
      state.builds.splice(0, n);
    },
    /** Deletes the `n` newest builds. */
    deleteNewest(n: number) {
      state.builds.splice(Math.max(0, state.builds.length - n), n);
    },
    maxInFlight: 0,
    /** Called with the request number (0-based) before the page is cut; may change the builds. */
    beforeAnswer: (_index: number): void | Promise<void> => undefined,
    /** Cuts the page; a test may replace it with a misbehaving server. */
    cut: (seen: SeenRequest): Record<string, unknown> => {
      const ordered = seen.desc ? [...state.builds].reverse() : state.builds;
      const items = ordered.slice(seen.offset, seen.offset + seen.limit);
      const { offset, limit, desc } = seen;
      return { total: state.builds.length, offset, limit, desc, count: items.length, items };
    },
    url: loopback.url,
    loopback,
    close: () => loopback.close(),
  };
  state.add(count);
  let inFlight = 0;
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    try {
      const url = new URL(req.url ?? '/', loopback.url);
      const seen = {
        offset: Number(url.searchParams.get('offset') ?? 0),
        limit: Number(url.searchParams.get('limit') ?? 1000),
        desc: url.searchParams.get('desc') === 'true',
      };
      const index = state.requests.push(seen) - 1;
      await state.beforeAnswer(index);
      if (!res.destroyed) sendJson(res, 200, { data: state.cut(seen) });
    } finally {
      inFlight -= 1;
    }
  };
  loopback.handle((req, res) => void answer(req, res));
  return state;
}

export type BuildsServer = Awaited<ReturnType<typeof startBuildsServer>>;
