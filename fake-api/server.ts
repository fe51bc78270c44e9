// The one fake Apify builds API: used by the tests, `npm run demo`, `npm run mock` and the
// benchmarks. startFakeApi puts its three parts together: the store of builds and its clock
// (store.ts), what the API answers (routes.ts) and the HTTP server (http.ts). Stateful: every
// request is one tick of the builds' clock (and, with `tickMs`, so is every interval).
import { isErrorStatus, type ErrorStatus } from './errors.js';
import { listen, type Listener } from './http.js';
import { answer, routeOf, type ApiState } from './routes.js';
import { BuildStore, type BuildSeed, type BuildsPage, type FakeBuild } from './store.js';

export type { BuildSeed, BuildsPage, FakeBuild, FakeBuildShort } from './store.js';
export { shortBuildAt } from './store.js';
export { MAX_LIMIT } from './routes.js';
export { PortInUseError, send, type Override, type RecordedRequest } from './http.js';

export interface FakeApiOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The tilde form the Actor is addressed by; its generated ID works too. Default 'janedoe~my-actor'. */
  actorId?: string;
  /** Without `builds`: this many builds, all finished except one RUNNING and one READY at the end. Default 25. */
  buildCount?: number;
  /** Explicit builds, oldest first. */
  builds?: BuildSeed[];
  /** Seed for generated IDs and numbers. */
  seed?: number;
  /** When set, only `Authorization: Bearer <token>` is accepted; otherwise any Bearer token or none. */
  token?: string;
  /** Also advance the clock every this many milliseconds. */
  tickMs?: number;
  /** Start a new build every this many milliseconds, so there is always one to abort. */
  startEveryMs?: number;
  /**
   * Whenever no build is READY or RUNNING (the last one was aborted or finished), start a new
   * one this many milliseconds later, so there is soon one to abort again.
   */
  refillMs?: number;
  /** Receives one line per request: time, method, path and query (a `token` redacted), status. */
  log?: (line: string) => void;
}

export interface FakeApi extends Omit<Listener, 'close'> {
  readonly actor: { id: string; name: string };
  /** A snapshot of every build, oldest first (does not advance the clock). */
  builds(): FakeBuild[];
  /** One page as GET .../builds would answer it now, a copy (does not advance the clock). */
  page(offset: number, limit: number, desc: boolean): BuildsPage;
  /** Starts a new READY build now, as if someone started one during a walk. */
  startBuild(seed?: Omit<BuildSeed, 'status' | 'startedAt'>): FakeBuild;
  /** Deletes a build, as if someone deleted it during a walk; false when there is none. */
  removeBuild(id: string): boolean;
  /** The next `times` routed requests answer `status` (with `Retry-After` when given). */
  failNext(status: Exclude<ErrorStatus, 405>, times?: number, retryAfter?: number | string): void;
  /** Destroys every socket, hanging ones included, and stops listening. */
  close(): Promise<void>;
}

/** Starts the fake API on 127.0.0.1 (or `host`). */
export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const {
    port = 0,
    host = '127.0.0.1',
    actorId = 'janedoe~my-actor',
    buildCount = 25,
    builds: seeds,
    seed = 1,
    token,
    tickMs,
    startEveryMs,
    refillMs,
    log,
  } = options;
  if (!/^[^/?#~]+~[^/?#~]+$/.test(actorId))
    throw new TypeError(
      `actorId must look like 'username~actor-name', got ${JSON.stringify(actorId)}`,
    );
  const store = new BuildStore(actorId, seed, seeds, buildCount);
  const clock = startClock(store, { tickMs, startEveryMs, refillMs });
  const state: ApiState = { store, token, failures: [], aborted: clock.keepOneAbortable };
  const listener = await listen(
    (method, url, headers) => {
      clock.tick(method, url.pathname);
      return answer(state, method, url, headers);
    },
    { port, host, log },
  ).catch((error: unknown) => {
    clock.stop();
    throw error;
  });

  return {
    url: listener.url,
    port: listener.port,
    actor: { id: store.actor.id, name: store.actor.name },
    builds: () => store.builds.map((b) => structuredClone(b)),
    page: (offset, limit, desc) => store.list(offset, limit, desc),
    startBuild: (buildSeed = {}) => structuredClone(store.add({ ...buildSeed, status: 'READY' })),
    removeBuild: (id) => store.remove(id),
    failNext(status, times = 1, retryAfter) {
      if (!isErrorStatus(status) || (status as number) === 405)
        throw new RangeError(`failNext: unsupported status ${status}`);
      state.failures.push({ status, times, retryAfter });
    },
    recorded: listener.recorded,
    get requests() {
      return listener.requests;
    },
    received: (count) => listener.received(count),
    override: (handler) => listener.override(handler),
    close() {
      clock.stop();
      return listener.close();
    },
  };
}

/**
 * The store's clock: a tick per request (an abort request spares the build it aborts), and with
 * the options, a tick every `tickMs`, a new build every `startEveryMs`, and a new one `refillMs`
 * after the last READY or RUNNING build is gone.
 */
function startClock(
  store: BuildStore,
  {
    tickMs,
    startEveryMs,
    refillMs,
  }: { tickMs: number | undefined; startEveryMs: number | undefined; refillMs: number | undefined },
) {
  let refill: NodeJS.Timeout | undefined;
  let stopped = false;
  const keepOneAbortable = (): void => {
    if (refillMs === undefined || stopped || refill !== undefined || store.abortable) return;
    refill = setTimeout(() => {
      refill = undefined;
      if (!store.abortable) store.add({ runTicks: 60 });
    }, refillMs);
    refill.unref();
  };
  const timers = [
    tickMs
      ? setInterval(() => {
          store.tick();
          keepOneAbortable();
        }, tickMs)
      : undefined,
    startEveryMs ? setInterval(() => store.add({ runTicks: 30 }), startEveryMs) : undefined,
  ];
  for (const timer of timers) timer?.unref();
  return {
    keepOneAbortable,
    tick(method: string, pathname: string): void {
      let aborting: string | undefined;
      try {
        const route = routeOf(pathname);
        if (method === 'POST' && route.operation === 'abort') aborting = route.buildId;
      } catch {
        // not a route: nothing is spared
      }
      store.tick(aborting);
      keepOneAbortable();
    },
    stop(): void {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      clearTimeout(refill);
    },
  };
}
