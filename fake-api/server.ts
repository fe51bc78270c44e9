// The one fake Apify builds API (node:http only): used by the tests, `npm run demo`,
// `npm run mock` and the benchmarks. Stateful: every request is one tick of the builds' clock
// (and, with `tickMs`, so is every interval); with `startEveryMs` new builds keep starting.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { BuildStore, type BuildSeed, type FakeBuild } from './builds.js';
import { FakeApiError, isErrorStatus, type ErrorStatus } from './errors.js';
import { checkQuery } from './parameters.js';
import { lenientPageOf, METHODS, pageOf, routeOf } from './routes.js';

export type { BuildSeed, FakeBuild, FakeBuildShort } from './builds.js';
export { shortBuildAt } from './builds.js';
export { MAX_LIMIT } from './routes.js';

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** performance.now() when the request arrived. */
  at: number;
}

/**
 * Takes over a request before the fake API sees it; returning `'next'` hands it on to the fake.
 * `count` is 1 for the first request the server received.
 */
export type Override = (
  req: IncomingMessage,
  res: ServerResponse,
  count: number,
) => 'next' | undefined;

/** A pre-made answer to a list request (benchmarks: bodies serialised once). */
export type FastAnswer =
  { status?: number; body: Buffer; headers?: Record<string, string>; delayMs?: number } | 'hang';

export interface MockServerOptions {
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
  /**
   * Benchmark fast path: answers a list request for any Actor before the stored builds do, with
   * offset/limit/desc read leniently (a limit above 1000 capped); `undefined` lets the fake answer.
   */
  fastList?: (
    actorId: string,
    page: { offset: number; limit: number; desc: boolean },
  ) => FastAnswer | undefined;
}

export interface MockServer {
  /** e.g. http://127.0.0.1:4010, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly actor: { id: string; name: string };
  /** A snapshot of every build, oldest first (does not advance the clock). */
  builds(): FakeBuild[];
  /** Starts a new READY build now, as if someone started one during a walk. */
  startBuild(seed?: Omit<BuildSeed, 'status' | 'startedAt'>): FakeBuild;
  /** Deletes a build, as if someone deleted it during a walk; false when there is none. */
  removeBuild(id: string): boolean;
  /** The next `times` routed requests answer `status` (with `Retry-After` when given). */
  failNext(status: Exclude<ErrorStatus, 405>, times?: number, retryAfter?: number | string): void;
  /** Every request received, in order (a live array). */
  readonly recorded: RecordedRequest[];
  /** Requests served so far. */
  readonly requests: number;
  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void>;
  /** Puts `override` in front of the fake API; `undefined` removes it. */
  override(handler: Override | undefined): void;
  /** Destroys every socket, hanging ones included, and stops listening. */
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

/** The path and query of `url` for a log line; a token in the query is never printed. */
function logged(url: URL): string {
  const query = new URLSearchParams(url.searchParams);
  if (query.has('token')) query.set('token', '***');
  const text = query.toString();
  return text ? `${url.pathname}?${text}` : url.pathname;
}

/** The message for a port that is taken, instead of a raw EADDRINUSE stack. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Starts the fake API on 127.0.0.1 (or `host`). */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
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
    fastList,
  } = options;
  if (!/^[^/?#~]+~[^/?#~]+$/.test(actorId))
    throw new TypeError(
      `actorId must look like 'username~actor-name', got ${JSON.stringify(actorId)}`,
    );
  const store = new BuildStore(actorId, seed, seeds, buildCount);
  const failures: {
    status: ErrorStatus;
    times: number;
    retryAfter: number | string | undefined;
  }[] = [];
  const recorded: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let override: Override | undefined;
  let requestCount = 0;
  let refill: NodeJS.Timeout | undefined;
  let closed = false;

  /** With `refillMs`: a new build soon after the last READY or RUNNING one is gone. */
  function keepOneAbortable(): void {
    if (refillMs === undefined || closed || refill !== undefined || store.abortable) return;
    refill = setTimeout(() => {
      refill = undefined;
      if (!store.abortable) store.add({ runTicks: 60 });
    }, refillMs);
    refill.unref();
  }

  /** One step of the clock; an abort request spares the build it aborts. */
  function tick(method: string, pathname: string): void {
    let aborting: string | undefined;
    try {
      const route = routeOf(pathname);
      if (method === 'POST' && route.operation === 'abort') aborting = route.buildId;
    } catch {
      // not a route: nothing is spared
    }
    store.tick(aborting);
    keepOneAbortable();
  }

  /** A Bearer header or, as the live API also takes, a `token` query parameter. */
  function authorize(header: string | undefined, queryToken: string | null): void {
    if (header === undefined) {
      if (token !== undefined && queryToken !== token) throw new FakeApiError(401);
      return;
    }
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match || (token !== undefined && match[1] !== token)) throw new FakeApiError(401);
  }

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | FastAnswer;

  function answer(method: string, url: URL, req: IncomingMessage): Answer {
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
    authorize(req.headers.authorization, url.searchParams.get('token'));
    const failure = failures[0];
    if (failure) {
      if (--failure.times <= 0) failures.shift();
      throw new FakeApiError(
        failure.status,
        undefined,
        failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) },
      );
    }
    // Only the spec's parameters; the benchmark's fast path reads their values as the API does.
    checkQuery(method, url, { values: false });
    if (route.operation === 'list' && fastList) {
      const fast = fastList(route.actorId, lenientPageOf(url.searchParams));
      if (fast !== undefined) return fast;
    }
    checkQuery(method, url);
    const { actorId } = route;
    if (actorId !== undefined && actorId !== store.actor.id && actorId !== store.actor.name)
      throw new FakeApiError(404);
    if (route.operation === 'list') {
      const page = pageOf(url.searchParams);
      return { status: 200, body: { data: store.list(page.offset, page.limit, page.desc) } };
    }
    const build = store.abort(route.buildId);
    if (!build) throw new FakeApiError(404);
    keepOneAbortable();
    return { status: 200, body: { data: build } };
  }

  function send(res: ServerResponse, result: Answer): number {
    if (result === 'hang') return 0;
    const headers = { ...CORS, ...result.headers };
    const status = result.status ?? 200;
    let body: Buffer | undefined;
    if (Buffer.isBuffer(result.body)) body = result.body;
    else if (result.body !== undefined) body = Buffer.from(JSON.stringify(result.body));
    const write = () => {
      if (body === undefined) return res.writeHead(status, headers).end();
      res
        .writeHead(status, {
          ...headers,
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': body.length,
        })
        .end(body);
    };
    const delayMs = 'delayMs' in result ? result.delayMs : undefined;
    if (delayMs) setTimeout(write, delayMs);
    else write();
    return status;
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    requestCount += 1;
    recorded.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      at: started,
    });
    for (const waiter of waiters.filter((w) => recorded.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    // Drain any request body; none of the endpoints reads one.
    req.resume();
    if (override && override(req, res, requestCount) !== 'next') return;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    tick(method, url.pathname);
    let status: number;
    try {
      status = send(res, answer(method, url, req));
    } catch (error) {
      const known = error instanceof FakeApiError ? error : new FakeApiError(500);
      if (!(error instanceof FakeApiError)) log?.(`mock: internal error: ${String(error)}`);
      status = send(res, { status: known.status, body: known.body, headers: known.headers });
    }
    if (log) {
      const took = (performance.now() - started).toFixed(1);
      log(
        `mock: ${new Date().toISOString()} ${method} ${logged(url)} -> ${status || 'no answer'} (${took} ms)`,
      );
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `port ${port} on ${host} is already in use (is another fake API running?); pick another with PORT=…`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  server.removeAllListeners('error');
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
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    actor: { id: store.actor.id, name: store.actor.name },
    builds: () => store.builds.map((b) => structuredClone(b)),
    startBuild: (buildSeed = {}) => structuredClone(store.add({ ...buildSeed, status: 'READY' })),
    removeBuild: (id) => store.remove(id),
    failNext(status, times = 1, retryAfter) {
      if (!isErrorStatus(status) || (status as number) === 405)
        throw new RangeError(`failNext: unsupported status ${status}`);
      failures.push({ status, times, retryAfter });
    },
    recorded,
    get requests() {
      return requestCount;
    },
    received(count) {
      if (recorded.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    override(handler) {
      override = handler;
    },
    close() {
      for (const timer of timers) clearInterval(timer);
      closed = true;
      clearTimeout(refill);
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
