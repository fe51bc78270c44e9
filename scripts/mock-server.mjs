// A local, stateful fake of the two builds endpoints in spec/openapi.yaml (node:http only).
// `npm run mock` serves it on PORT (default 4010); tests and the demo import startMockServer().
//
// Every request is one tick of the fake's clock (and, with `tickMs`, so is every interval):
// on each tick READY builds count down to RUNNING and RUNNING builds to SUCCEEDED; an aborted
// build is ABORTING until the next tick, then ABORTED. Finished builds never change.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED']);
const STATUSES = new Set([
  'READY',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMING-OUT',
  'TIMED-OUT',
  'ABORTING',
  'ABORTED',
]);
const MAX_LIMIT = 1000;

// The error bodies of the spec's examples (components.responses).
const ERRORS = {
  400: { type: 'invalid-input', message: 'Invalid input: The request body contains invalid data.' },
  401: { type: 'invalid-token', message: 'Authentication token is not valid.' },
  403: {
    type: 'insufficient-permissions',
    message: 'You do not have permission to perform this action.',
  },
  404: { type: 'record-not-found', message: 'The requested resource was not found.' },
  405: {
    type: 'method-not-allowed',
    message:
      'This API end-point can only be accessed using the following HTTP methods: OPTIONS,GET',
  },
  429: {
    type: 'rate-limit-exceeded',
    message: 'You have exceeded the rate limit. Please try again later.',
  },
  500: { type: 'internal-server-error', message: 'Internal server error.' },
  502: { type: 'bad-gateway', message: 'Bad gateway.' },
  503: {
    type: 'service-unavailable',
    message: 'Service is temporarily unavailable. Please try again later.',
  },
  504: { type: 'gateway-timeout', message: 'Gateway timeout.' },
};

/** Deterministic pseudo-random numbers (mulberry32), so a seed gives the same builds every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const makeId = (next) =>
  Array.from({ length: 17 }, () => ID_CHARS[Math.floor(next() * ID_CHARS.length)]).join('');

class ApiError extends Error {
  constructor(status, message = ERRORS[status].message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

const invalid = (name, allowed) =>
  new ApiError(400, `Invalid input: query parameter '${name}' must be ${allowed}.`);

/** offset/limit/desc exactly as the spec types them; anything else is a 400. */
function parsePage(searchParams) {
  const one = (name) => {
    const values = searchParams.getAll(name);
    if (values.length > 1) throw invalid(name, 'given at most once');
    return values[0];
  };
  const integer = (name, value, min, max, fallback) => {
    if (value === undefined) return fallback;
    const allowed =
      max === undefined ? `an integer >= ${min}` : `an integer between ${min} and ${max}`;
    if (!/^\d+$/.test(value)) throw invalid(name, allowed);
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < min || (max !== undefined && number > max))
      throw invalid(name, allowed);
    return number;
  };
  const offset = integer('offset', one('offset'), 0, undefined, 0);
  const limit = integer('limit', one('limit'), 1, MAX_LIMIT, MAX_LIMIT);
  const descValue = one('desc');
  let desc = false;
  if (descValue !== undefined) {
    if (descValue === 'true' || descValue === '1') desc = true;
    else if (descValue !== 'false' && descValue !== '0')
      throw invalid('desc', 'true, false, 1 or 0');
  }
  return { offset, limit, desc };
}

const toShort = (build) => ({
  id: build.id,
  actId: build.actId,
  userId: build.userId,
  status: build.status,
  startedAt: build.startedAt,
  finishedAt: build.finishedAt,
  usageTotalUsd: build.usageTotalUsd ?? 0,
  buildNumber: build.buildNumber,
  meta: build.meta,
});

/**
 * Starts the fake API on 127.0.0.1.
 * @param {import('./mock-server.d.mts').MockServerOptions} [options]
 * @returns {Promise<import('./mock-server.d.mts').MockServer>}
 */
export async function startMockServer(options = {}) {
  const {
    port = 0,
    host = '127.0.0.1',
    actorId = 'janedoe~my-actor',
    buildCount = 25,
    builds: seeds,
    seed = 1,
    token,
    tickMs,
    log,
  } = options;
  if (!/^[^/?#~]+~[^/?#~]+$/.test(actorId))
    throw new TypeError(
      `actorId must look like 'username~actor-name', got ${JSON.stringify(actorId)}`,
    );
  const next = random(seed);
  const actor = { id: makeId(next), name: actorId, userId: makeId(next) };
  /** Ascending by startedAt, the API's default order. */
  const builds = [];
  const active = new Set();
  let clock = 0;
  let requestCount = 0;
  const failures = [];
  let seeding = true;
  const firstStart = Math.floor(Date.now() / 1000) * 1000 - (seeds?.length ?? buildCount) * 600_000;

  function addBuild(seedBuild = {}) {
    const index = builds.length;
    const status = seedBuild.status ?? 'READY';
    if (!STATUSES.has(status))
      throw new TypeError(`unknown build status ${JSON.stringify(status)}`);
    // Seeded builds start ten minutes apart, ending about now; later ones start when asked for.
    const previous = builds.at(-1);
    const startedAt =
      seedBuild.startedAt ??
      new Date(
        Math.max(
          seeding ? firstStart + index * 600_000 : Date.now(),
          previous ? Date.parse(previous.startedAt) + 1 : 0,
        ),
      ).toISOString();
    const finished = TERMINAL.has(status);
    const durationMillis = 20_000 + Math.floor(next() * 100_000);
    const computeUnits = Math.round(durationMillis * 1.1e-6 * 1e6) / 1e6;
    const build = {
      id: seedBuild.id ?? makeId(next),
      actId: actor.id,
      userId: actor.userId,
      startedAt,
      finishedAt: finished ? new Date(Date.parse(startedAt) + durationMillis).toISOString() : null,
      status,
      meta: {
        origin: seedBuild.origin ?? (next() < 0.7 ? 'WEB' : 'API'),
        userAgent: 'Mozilla/5.0 (fake build)',
      },
      stats: { durationMillis, runTimeSecs: durationMillis / 1000, computeUnits },
      options: { useCache: true, memoryMbytes: 4096, diskMbytes: 8192 },
      usage: { ACTOR_COMPUTE_UNITS: computeUnits },
      usageTotalUsd: Math.round(computeUnits * 0.4 * 1e6) / 1e6,
      usageUsd: { ACTOR_COMPUTE_UNITS: Math.round(computeUnits * 0.4 * 1e6) / 1e6 },
      buildNumber: `0.1.${index + 1}`,
    };
    // Ticks left in READY and RUNNING before the build moves on.
    const lifecycle = {
      ready: seedBuild.readyTicks ?? 2,
      running: seedBuild.runTicks ?? 5,
      abortedAt: undefined,
    };
    Object.defineProperty(build, 'lifecycle', { value: lifecycle, enumerable: false });
    if (status === 'ABORTING') lifecycle.abortedAt = clock;
    if (!finished) active.add(build);
    builds.push(build);
    return build;
  }

  function finish(build, status) {
    build.status = status;
    build.finishedAt = new Date(
      Math.max(Date.now(), Date.parse(build.startedAt) + 1),
    ).toISOString();
    active.delete(build);
  }

  function tick() {
    clock += 1;
    for (const build of active) {
      const { lifecycle } = build;
      if (build.status === 'ABORTING') {
        if (clock > lifecycle.abortedAt) finish(build, 'ABORTED');
      } else if (build.status === 'TIMING-OUT') {
        finish(build, 'TIMED-OUT');
      } else if (build.status === 'READY') {
        if (--lifecycle.ready <= 0) build.status = 'RUNNING';
      } else if (build.status === 'RUNNING') {
        if (--lifecycle.running <= 0) finish(build, 'SUCCEEDED');
      }
    }
  }

  if (seeds) {
    for (const s of seeds) addBuild(s);
  } else {
    // A long history of finished builds, then one RUNNING and one READY build at the end.
    const history = [...Array(12).fill('SUCCEEDED'), 'FAILED', 'FAILED', 'ABORTED', 'TIMED-OUT'];
    for (let i = 0; i < buildCount; i += 1) {
      const fromEnd = buildCount - i;
      if (fromEnd === 2) addBuild({ status: 'RUNNING', runTicks: 1_000_000 });
      else if (fromEnd === 1) addBuild({ status: 'READY', readyTicks: 3, runTicks: 8 });
      else addBuild({ status: history[Math.floor(next() * history.length)] });
    }
  }

  seeding = false;

  function findActor(id) {
    if (id !== actor.id && id !== actor.name) throw new ApiError(404);
  }

  function listBuilds(url) {
    const { offset, limit, desc } = parsePage(url.searchParams);
    const total = builds.length;
    let items;
    if (desc) {
      const end = Math.max(total - offset, 0);
      items = builds.slice(Math.max(end - limit, 0), end).reverse();
    } else {
      items = builds.slice(offset, offset + limit);
    }
    return { data: { total, offset, limit, desc, count: items.length, items: items.map(toShort) } };
  }

  function abortBuild(buildId) {
    const build = builds.find((b) => b.id === buildId);
    if (!build) throw new ApiError(404);
    if (build.status === 'READY' || build.status === 'RUNNING') {
      build.status = 'ABORTING';
      build.lifecycle.abortedAt = clock;
    }
    return { data: { ...build } };
  }

  function route(method, url) {
    let segments;
    try {
      segments = url.pathname
        .replace(/\/$/, '')
        .split('/')
        .slice(1)
        .map((s) => decodeURIComponent(s));
    } catch {
      throw new ApiError(404);
    }
    const isList =
      segments.length === 4 &&
      segments[0] === 'v2' &&
      (segments[1] === 'actors' || segments[1] === 'acts') &&
      segments[3] === 'builds';
    const isAbort =
      segments.length === 6 &&
      segments[0] === 'v2' &&
      (segments[1] === 'actors' || segments[1] === 'acts') &&
      segments[3] === 'builds' &&
      segments[5] === 'abort';
    if (!isList && !isAbort) throw new ApiError(404);
    const allowed = isList ? ['GET', 'HEAD'] : ['POST'];
    if (method === 'OPTIONS') return { status: 204, allow: ['OPTIONS', ...allowed] };
    if (!allowed.includes(method)) {
      const methods = isList ? 'OPTIONS,GET' : 'OPTIONS,POST';
      throw new ApiError(
        405,
        `This API end-point can only be accessed using the following HTTP methods: ${methods}`,
        {
          Allow: methods.replace(',', ', '),
        },
      );
    }
    const failure = failures[0];
    if (failure) {
      if (--failure.times <= 0) failures.shift();
      throw new ApiError(
        failure.status,
        undefined,
        failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) },
      );
    }
    findActor(segments[2]);
    return { status: 200, body: isList ? listBuilds(url) : abortBuild(segments[4]) };
  }

  function authorize(header) {
    if (header === undefined) {
      if (token !== undefined) throw new ApiError(401);
      return;
    }
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match || (token !== undefined && match[1] !== token)) throw new ApiError(401);
  }

  const server = http.createServer((req, res) => {
    requestCount += 1;
    tick();
    // Drain any request body; none of the endpoints reads one.
    req.resume();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    let status = 200;
    let body;
    const headers = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    };
    try {
      if (method !== 'OPTIONS') authorize(req.headers.authorization);
      const result = route(method, url);
      status = result.status;
      if (result.allow) headers.Allow = result.allow.join(', ');
      body = result.body;
    } catch (error) {
      const known = error instanceof ApiError;
      status = known ? error.status : 500;
      if (known) Object.assign(headers, error.headers);
      const type = (ERRORS[status] ?? ERRORS[500]).type;
      body = { error: { type, message: known ? error.message : ERRORS[500].message } };
      if (!known) log?.(`mock: internal error: ${error?.stack ?? error}`);
    }
    if (body === undefined) {
      res.writeHead(status, headers).end();
    } else {
      const text = JSON.stringify(body);
      res
        .writeHead(status, {
          ...headers,
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(text),
        })
        .end(text);
    }
    // The path only: a query string may carry a token.
    log?.(`mock: ${method} ${url.pathname} -> ${status}`);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const timer = tickMs ? setInterval(tick, tickMs) : undefined;
  timer?.unref();
  const address = server.address();
  const url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    actor: { id: actor.id, name: actor.name },
    builds: () => builds.map((b) => ({ ...b })),
    startBuild: (seedBuild = {}) => ({
      ...addBuild({ ...seedBuild, status: 'READY', startedAt: undefined }),
    }),
    failNext(status, times = 1, retryAfter) {
      if (!ERRORS[status] || status === 405)
        throw new RangeError(`failNext: unsupported status ${status}`);
      failures.push({ status, times, retryAfter });
    },
    get requests() {
      return requestCount;
    },
    close() {
      clearInterval(timer);
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `mock: PORT must be an integer 0..65535, got ${JSON.stringify(process.env.PORT)}`,
    );
    process.exit(1);
  }
  const server = await startMockServer({
    port,
    buildCount: 2500,
    tickMs: 2000,
    log: (line) => console.log(line),
  });
  console.log(`Fake Apify builds API on ${server.url} (any Bearer token or none; Ctrl+C to stop)`);
  console.log(
    `  GET  ${server.url}/v2/actors/${server.actor.name}/builds?offset=0&limit=10&desc=true`,
  );
  const running = server.builds().find((b) => b.status === 'RUNNING');
  if (running)
    console.log(`  POST ${server.url}/v2/actors/${server.actor.name}/builds/${running.id}/abort`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
