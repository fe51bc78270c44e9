// The fake API's builds over the loopback server for the walk tests: its store seeded with builds
// whose ids give their order, and a hook before each request, so tests can start or delete
// builds in the store between requests, or cut a misbehaving page instead of the fake API.
import { pageOf } from '../../fake-api/routes.js';
import type { BuildSeed } from '../../fake-api/store.js';
import { ACTOR } from './api.js';
import { sendJson, startLoopback } from './loopback.js';

export interface SeenRequest {
  offset: number;
  limit: number;
  desc: boolean;
}

/** The `number`th build's id (0: the oldest seeded), `build000123`, so tests can read the order. */
const buildId = (number: number): string => `build${String(number).padStart(6, '0')}`;

/** `count` builds, oldest first, in the fake API's store; `beforeAnswer` may change them. */
export async function startBuildsServer(count: number) {
  // Finished builds: the clock that each request ticks moves none of them.
  const builds = Array.from({ length: count }, (_, i): BuildSeed => ({
    id: buildId(i),
    status: 'SUCCEEDED',
  }));
  const loopback = await startLoopback({ actorId: ACTOR, builds });
  const { api } = loopback;
  let started = count;
  const page = ({ offset, limit, desc }: SeenRequest) => api.page(offset, limit, desc);
  const state = {
    requests: [] as SeenRequest[],
    /** The store's page for `seen` as it is now: what the fake API would answer. */
    page,
    /** The ids of the store's builds now, oldest first. */
    ids: (): string[] =>
      page({ offset: 0, limit: Number.MAX_SAFE_INTEGER, desc: false }).items.map((b) => b.id),
    /** Starts `n` builds (the newest end), with the next ids. */
    add(n: number) {
      for (let i = 0; i < n; i += 1) api.startBuild({ id: buildId(started++) });
    },
    /** Deletes the build `id`; throws when the store has none, which would be a broken test. */
    remove(id: string) {
      if (!api.removeBuild(id)) throw new Error(`no build ${id} to delete`);
    },
    /** Deletes the `n` oldest builds. */
    deleteOldest(n: number) {
      for (const { id } of page({ offset: 0, limit: n, desc: false }).items) state.remove(id);
    },
    /** Deletes the `n` newest builds. */
    deleteNewest(n: number) {
      for (const { id } of page({ offset: 0, limit: n, desc: true }).items) state.remove(id);
    },
    maxInFlight: 0,
    /** Called with the request number (0-based) before the page is cut; may change the builds. */
    beforeAnswer: (_index: number): void | Promise<void> => undefined,
    /** When set, cuts every page instead of the fake API: a misbehaving server. */
    cut: undefined as ((seen: SeenRequest) => Record<string, unknown>) | undefined,
    url: loopback.url,
    loopback,
    close: () => loopback.close(),
  };
  let inFlight = 0;
  api.override(async (req, res) => {
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    try {
      // Read as the fake API reads it, with its defaults.
      const seen = pageOf(new URL(req.url ?? '/', loopback.url).searchParams);
      const index = state.requests.push(seen) - 1;
      await state.beforeAnswer(index);
      if (res.destroyed) return undefined;
      if (!state.cut) return 'next';
      sendJson(res, 200, { data: state.cut(seen) });
      return undefined;
    } finally {
      inFlight -= 1;
    }
  });
  return state;
}

export type BuildsServer = Awaited<ReturnType<typeof startBuildsServer>>;
