// The package as users of other runtimes get it: the built dist/, packed and installed into a
// temp project, runs one scenario (test/ecosystem/scenario.ts) on Node.js (import and
// require()), Bun, Deno, workerd (through miniflare) and Chromium, each against its own fake
// API on 127.0.0.1. Each report is compared with exact expectations, and so is the fake's
// request log. Slow (a process or a browser per runtime): about 45 s.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureRuntimes, pinnedRuntimes } from '../../scripts/lib/runtimes.js';
import { BUILD_COUNT, startScenarioServer, type FakeApi } from '../ecosystem/fake-api.js';
import {
  createScenarioProject,
  root,
  type Bundle,
  type ScenarioProject,
} from '../ecosystem/project.js';
import {
  runBun,
  runChromium,
  runDeno,
  runNode,
  runWorkerd,
  versionOf,
} from '../ecosystem/runtimes.js';
import {
  ACTORS,
  MISSING_BUILD,
  USER_AGENT,
  type ErrorReport,
  type ScenarioConfig,
  type ScenarioReport,
} from '../ecosystem/scenario.js';

const TOKEN = 'apify_api_ecosyst3mT0kenF0rTests';

const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
};

let project: ScenarioProject;

beforeAll(async () => {
  // Bun, Deno and workerd live in runtimes/, installed apart from the main `npm ci`: installed
  // here when missing (a first `npm test`), from npm's cache or the registry.
  await ensureRuntimes();
  project = await createScenarioProject();
  return () => project.remove();
}, 600_000);

/** The report of a bundled run, once the bundle is known to hold the installed package. */
function fromBundle({ report, bundle }: { report: ScenarioReport; bundle: Bundle }) {
  expect(bundle.packageFiles).toContain('node_modules/apify-builds-client/dist/index.js');
  // Never this repository's src/ (through its tsconfig paths).
  expect(
    bundle.packageFiles.filter((f) => !f.startsWith('node_modules/apify-builds-client/dist/')),
  ).toEqual([]);
  return report;
}

/** What a runtime offers scripts, as far as the scenario can tell. */
interface Runtime {
  name: string;
  run(project: ScenarioProject, config: ScenarioConfig): Promise<ScenarioReport>;
  /** `process.env` exists: a client without a token takes APIFY_TOKEN. */
  env: boolean;
  /** The User-Agent the API sees: the client's own (Node.js and look-alikes), the runtime's. */
  userAgent: 'client' | 'none' | 'browser';
  /** Cross-origin with CORS: preflights, and only exposed headers can be read. */
  browser: boolean;
}

const RUNTIMES: Runtime[] = [
  {
    name: 'Node.js, import',
    run: (p, c) => runNode(p, 'esm', c),
    env: true,
    userAgent: 'client',
    browser: false,
  },
  {
    name: 'Node.js, require()',
    run: (p, c) => runNode(p, 'cjs', c),
    env: true,
    userAgent: 'client',
    browser: false,
  },
  { name: 'Bun', run: runBun, env: true, userAgent: 'client', browser: false },
  { name: 'Deno', run: (p, c) => runDeno(p, c), env: true, userAgent: 'client', browser: false },
  {
    name: 'workerd',
    run: async (p, c) => fromBundle(await runWorkerd(p, c)),
    env: false,
    userAgent: 'none',
    browser: false,
  },
  {
    name: 'Chromium',
    run: async (p, c) => fromBundle(await runChromium(p, c)),
    env: false,
    userAgent: 'browser',
    browser: true,
  },
];

const list = (actor: string, query = '') => `/v2/actors/${actor}/builds${query}`;

function apiError(
  status: number,
  type: string,
  apiMessage: string,
  method: string,
  path: string,
  attempts = 1,
): ErrorReport {
  return {
    name: 'ApifyApiError',
    kind: 'ApifyApiError',
    isApifyError: true,
    message: `${status} ${type}: ${apiMessage} (${method} ${path})`,
    status,
    type,
    apiMessage,
    method,
    path,
    attempts,
  };
}

const badInput = (kind: 'TypeError' | 'RangeError', message: string): ErrorReport => ({
  name: kind,
  kind,
  isApifyError: false,
  message,
});

/** The report every runtime must give over the fake's builds (`ids`, oldest first). */
function expectedReport(ids: string[], runtime: Runtime) {
  const running = ids[BUILD_COUNT - 2]!;
  const waited = (ms: number) => expect.toSatisfy((t: number) => t >= ms - 50 && t < ms + 2_000);
  return {
    page: {
      total: BUILD_COUNT,
      offset: 0,
      limit: 10,
      count: 10,
      desc: true,
      ids: ids.slice(-10).reverse(),
      runningId: running,
      // The newest build is READY, the one before it RUNNING; the rest finished.
      terminal: [false, false, ...Array<boolean>(8).fill(true)],
    },
    walkAscending: { count: BUILD_COUNT, ids },
    walkDescending: { count: BUILD_COUNT, ids: [...ids].reverse() },
    pages: [
      { offset: 100, count: 600, first: ids[100], last: ids[699] },
      { offset: 700, count: 600, first: ids[700], last: ids[1299] },
      { offset: 1300, count: 300, first: ids[1300], last: ids[1599] },
    ],
    abort: { id: running, status: 'ABORTING' },
    // Already aborted by then: the build comes back unchanged.
    abortDeprecated: { id: running, status: 'ABORTED' },
    notFound: apiError(
      404,
      'record-not-found',
      'The requested resource was not found.',
      'GET',
      list(ACTORS.missing),
    ),
    abortNotFound: apiError(
      404,
      'record-not-found',
      'The requested resource was not found.',
      'POST',
      `/v2/actor-builds/${MISSING_BUILD}/abort`,
    ),
    cancelWalk: {
      walked: 150,
      rejectedWithReason: true,
      error: { name: 'Error', kind: 'Error', isApifyError: false, message: 'stopped by the user' },
    },
    cancelInFlight: { rejectedWithReason: true, prompt: true },
    timeout: {
      name: 'ApifyTimeoutError',
      kind: 'ApifyTimeoutError',
      isApifyError: true,
      message: `timed out: no complete response within 300 ms (GET ${list(ACTORS.slow)}, after 2 attempts)`,
      method: 'GET',
      path: list(ACTORS.slow),
      attempts: 2,
    },
    badInput: {
      limit: badInput('RangeError', 'limit must be an integer from 1 to 1000, got 0'),
      offset: badInput('RangeError', 'offset must be an integer >= 0, got 1.5'),
      actorId: badInput(
        'TypeError',
        'actorId must not contain "/", "?" or "#" (write username~actor-name), got "janedoe/my-actor"',
      ),
      buildId: badInput('TypeError', 'buildId must be a non-empty string, got ""'),
      unknownKey: badInput(
        'TypeError',
        'unknown option "limit" in options (accepted: offset, pageSize, desc, maxItems, signal); did you mean "pageSize"?',
      ),
      pageSize: badInput('RangeError', 'pageSize must be an integer from 1 to 1000, got 1001'),
      timeoutMs: badInput(
        'RangeError',
        'timeoutMs must be an integer from 1 to 2147483647, got -1',
      ),
    },
    // Two 429s with Retry-After: 1. A browser cannot read the header unless it is exposed,
    // and falls back to the client's own backoff (1 to 3 ms here).
    busy: {
      count: 2,
      waitedMs: runtime.browser ? expect.toSatisfy((t: number) => t < 1_000) : waited(2_000),
    },
    exposed: { count: 2, waitedMs: waited(1_000) },
    limited: {
      ...apiError(
        429,
        'rate-limit-exceeded',
        'You have exceeded the rate limit. Please try again later.',
        'GET',
        list(ACTORS.limited),
      ),
      // `null` where it is not exposed to the script (JSON has no `undefined`).
      retryAfter: runtime.browser ? null : '7',
    },
    envToken: runtime.env
      ? { ok: true, count: 1 }
      : {
          ok: false,
          // No process, so no APIFY_TOKEN: the client sent none, and its 401 says so.
          error: {
            ...apiError(
              401,
              'invalid-token',
              'Authentication token is not valid.',
              'GET',
              list(ACTORS.main),
            ),
            message: `401 invalid-token: Authentication token is not valid. No token was sent: pass \`token\` or set APIFY_TOKEN. (GET ${list(ACTORS.main)})`,
          },
        },
  };
}

/**
 * The requests the scenario sends, in order (a browser's CORS preflights aside): method, path
 * with query, whether the token is sent, and whether the client's `userAgent` was given.
 * The walks' requests are the pagination planner's: 2,500 builds in pages of 1000 take three
 * requests each way.
 */
function expectedRequests(running: string, runtime: Runtime) {
  const main = (query: string) => ['GET', list(ACTORS.main, query), true, true] as const;
  const [slow, busy, exposed, limited] = [ACTORS.slow, ACTORS.busy, ACTORS.exposed, ACTORS.limited];
  return [
    main('?limit=10&desc=true'),
    // Each request after the first starts at the last build handed out.
    main('?offset=0&limit=1000'),
    main('?offset=999&limit=1000'),
    main('?offset=1998&limit=1000'),
    main('?offset=0&limit=1000&desc=true'),
    main('?offset=999&limit=1000&desc=true'),
    main('?offset=1998&limit=1000&desc=true'),
    main('?offset=100&limit=600'),
    main('?offset=699&limit=601'),
    main('?offset=1299&limit=301'),
    ['POST', `/v2/actor-builds/${running}/abort`, true, true],
    ['POST', `/v2/actors/${ACTORS.main}/builds/${running}/abort`, true, true],
    ['GET', list(ACTORS.missing), true, true],
    ['POST', `/v2/actor-builds/${MISSING_BUILD}/abort`, true, true],
    // Cancelled at the 150th build: its page and the one fetched ahead.
    main('?offset=0&limit=100'),
    main('?offset=99&limit=101'),
    main('?offset=199&limit=101'),
    ['GET', list(slow), true, true],
    ['GET', list(slow, '?limit=5'), true, false],
    ['GET', list(slow, '?limit=5'), true, false],
    // Bad input sends nothing.
    ['GET', list(busy, '?limit=2'), true, true],
    ['GET', list(busy, '?limit=2'), true, true],
    ['GET', list(busy, '?limit=2'), true, true],
    ['GET', list(exposed, '?limit=2'), true, true],
    ['GET', list(exposed, '?limit=2'), true, true],
    ['GET', list(limited, '?limit=2'), true, false],
    ['GET', list(ACTORS.main, '?limit=1'), runtime.env, false],
  ];
}

function checkRequests(server: FakeApi, runtime: Runtime, running: string): void {
  const recorded = server.recorded;
  const sent = recorded.filter((r) => r.method !== 'OPTIONS');
  expect(
    sent.map((r) => [
      r.method,
      r.url,
      r.headers.authorization === `Bearer ${TOKEN}`,
      (r.headers['user-agent'] ?? '').endsWith(` ${USER_AGENT}`),
    ]),
  ).toEqual(
    expectedRequests(running, runtime).map(([method, url, auth, agent]) => [
      method,
      url,
      auth,
      agent && runtime.userAgent === 'client',
    ]),
  );
  // Nothing but the token's Bearer header, and only when there is one.
  for (const r of sent) expect([undefined, `Bearer ${TOKEN}`]).toContain(r.headers.authorization);

  const agents = new Set(sent.map((r) => r.headers['user-agent']));
  const clientAgent = new RegExp(
    `^apify-builds-client/${manifest.version.replaceAll('.', '\\.')} \\(Node\\.js ${
      runtime.name.startsWith('Node.js') ? process.versions.node : '\\d+\\.\\d+\\.\\d+'
    }\\)( ${USER_AGENT})?$`,
  );
  for (const agent of agents) {
    if (runtime.userAgent === 'client') expect(agent).toMatch(clientAgent);
    else if (runtime.userAgent === 'none') expect(agent).toBeUndefined();
    else expect(agent).toMatch(/HeadlessChrome\/\d+/);
  }

  const preflights = recorded.filter((r) => r.method === 'OPTIONS');
  if (!runtime.browser) {
    expect(preflights).toEqual([]);
    return;
  }
  // A browser preflights each URL a request with the Authorization header goes to (the answer
  // is cached for a few seconds, so a retry is not preflighted again); a simple GET without a
  // token is not preflighted.
  const withToken = new Set(sent.filter((r) => r.headers.authorization).map((r) => r.url));
  expect(new Set(preflights.map((r) => r.url))).toEqual(withToken);
  for (const r of preflights)
    expect(r.headers['access-control-request-headers']).toBe('authorization');
}

describe('the scenario on each runtime', () => {
  for (const runtime of RUNTIMES) {
    it(`runs on ${runtime.name}`, async () => {
      const server = await startScenarioServer(TOKEN);
      try {
        const ids = server.builds().map((b) => b.id);
        const report = await runtime.run(project, { baseUrl: server.url, token: TOKEN });
        expect(report).toEqual(expectedReport(ids, runtime));
        checkRequests(server, runtime, ids[BUILD_COUNT - 2]!);
      } finally {
        await server.close();
      }
    }, 90_000);
  }
});

describe('Deno permissions', () => {
  it('needs only --allow-net for the API host when a token is passed, and --allow-env=APIFY_TOKEN when not', async () => {
    const server = await startScenarioServer(TOKEN);
    try {
      const net = `--allow-net=${new URL(server.url).host}`;
      const probe = (config: Partial<ScenarioConfig>, permissions: string[]) =>
        runDeno<unknown>(project, config, { permissions, program: project.token, envToken: TOKEN });
      expect(await probe({ baseUrl: server.url, token: TOKEN }, [net])).toEqual({ count: 1 });
      expect(await probe({ baseUrl: server.url }, [net, '--allow-env=APIFY_TOKEN'])).toEqual({
        count: 1,
      });
      // Without it, createBuildsClient() throws Deno's own error, which says what to add.
      expect(await probe({ baseUrl: server.url }, [net])).toEqual({
        name: 'NotCapable',
        message: 'Requires env access to "APIFY_TOKEN", run again with the --allow-env flag',
      });
      expect(server.recorded).toHaveLength(2);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('the runtimes are the pinned ones', () => {
  it('Bun, Deno and workerd from runtimes/node_modules', async () => {
    const pinned = await pinnedRuntimes();
    expect(await versionOf('bun')).toBe(pinned['bun']);
    expect(await versionOf('deno')).toMatch(
      new RegExp(`^deno ${pinned['deno']!.replaceAll('.', '\\.')} `),
    );
    // miniflare 4.YYYYMMDD.x bundles the workerd of that date.
    const date = /^4\.(\d{4})(\d{2})(\d{2})\./.exec(pinned['miniflare']!);
    expect(date).not.toBeNull();
    expect(await versionOf('workerd')).toBe(`workerd ${date!.slice(1).join('-')}`);
  });
});
