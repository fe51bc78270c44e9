// The client and the fake API against spec/openapi.yaml:
// - the client talks to Prism's mock of the spec, started with --errors, so every request it
//   sends is validated by Prism, and every response example the spec declares (200 and each
//   error status, chosen with Prism's `Prefer: code=` header) must be accepted by the client;
// - every response of the fake API (fake-api/) must match the spec's schemas.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../fake-api/server.js';
import { root } from '../../scripts/lib/paths.js';
import { ApifyApiError, createBuildsClient, type BuildsClient } from '../../src/index.js';
import { loadSpecValidators, type SpecValidators } from '../helpers/spec-schemas.js';

const TOKEN = 'contract-test-token-7c1e';
const ACTOR = 'janedoe~my-actor';
const BUILD = '3KH8gEpp4d8uQSe8T';
const LIST = '/v2/acts/{actorId}/builds';
const ABORT = '/v2/acts/{actorId}/builds/{buildId}/abort';
const BUILD_ABORT = '/v2/actor-builds/{buildId}/abort';

let specs: SpecValidators;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

interface Prism {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/**
 * Starts Prism on a free port. Another process may take the port between the probe and Prism's
 * listen: then Prism exits with EADDRINUSE and the next free port is tried.
 */
async function startPrism(): Promise<Prism> {
  for (;;) {
    const started = await startPrismOn(await freePort());
    if (started) return started;
  }
}

async function startPrismOn(port: number): Promise<Prism | undefined> {
  const bin = path.join(root, 'node_modules', '.bin', 'prism');
  const child = spawn(
    process.execPath,
    [bin, 'mock', 'spec/openapi.yaml', '-p', String(port), '-h', '127.0.0.1', '--errors'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  const listening = await new Promise<boolean>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Prism is listening on ${url}`)) resolve(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (output.includes('EADDRINUSE')) resolve(false);
      else reject(new Error(`Prism exited with ${String(code)}:\n${output}`));
    });
  });
  return listening ? { url, process: child, output: () => output } : undefined;
}

async function stopPrism(prism: Prism | undefined): Promise<void> {
  const child = prism?.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface Exchange {
  method: string;
  url: string;
  authorization: string | null;
  status: number;
  /** Prism's report of request violations; absent when the request matched the spec. */
  violations: string | null;
  deprecation: string | null;
}

/** A fetch that asks Prism for one declared response and records what went over the wire. */
function recordingFetch(exchanges: Exchange[], prefer?: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (prefer) headers.set('Prefer', prefer);
    const response = await fetch(new Request(request, { headers }));
    exchanges.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      status: response.status,
      violations: response.headers.get('sl-violations'),
      deprecation: response.headers.get('deprecation'),
    });
    return response;
  };
}

beforeAll(async () => {
  specs = await loadSpecValidators();
});

describe('the client against Prism (spec/openapi.yaml)', () => {
  let prism: Prism | undefined;
  beforeAll(async () => {
    prism = await startPrism();
  });
  afterAll(async () => {
    await stopPrism(prism);
  });

  const clientFor = (exchanges: Exchange[], prefer?: string, maxRetries = 0): BuildsClient =>
    createBuildsClient({
      baseUrl: prism!.url,
      token: TOKEN,
      fetch: recordingFetch(exchanges, prefer),
      maxRetries,
      minRetryDelayMs: 1,
      maxRetryDelayMs: 5,
      // Prism shares the CPU with the rest of the suite: only a hang should time out.
      timeoutMs: 120_000,
    });

  function expectValidRequests(exchanges: Exchange[], count: number): void {
    expect(exchanges).toHaveLength(count);
    for (const exchange of exchanges) {
      expect(exchange.violations, `${exchange.method} ${exchange.url}`).toBeNull();
      expect(exchange.authorization).toBe(`Bearer ${TOKEN}`);
      expect(exchange.url).not.toContain(TOKEN);
    }
  }

  it('flags a request that breaks the spec (so the checks below can fail)', async () => {
    const response = await fetch(`${prism!.url}/v2/acts/${ACTOR}/builds?limit=5000`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')).toContain('limit');
  });

  it('answers an anonymous request with 401: the spec requires a token', async () => {
    const response = await fetch(`${prism!.url}/v2/actors/${ACTOR}/builds`);
    expect(response.status).toBe(401);
    // The spec also declares the `token` query parameter (the client never sends it).
    const query = await fetch(`${prism!.url}/v2/actors/${ACTOR}/builds?token=not-a-real-token`);
    expect(query.status).toBe(200);
  });

  it('listBuilds sends offset, limit and desc as the spec allows and parses the 200 example', async () => {
    const exchanges: Exchange[] = [];
    const client = clientFor(exchanges);
    // Prism answers with the example page, whose offset is 0: the client checks the echo.
    const page = await client.listBuilds(ACTOR, { offset: 0, limit: 10, desc: true });
    expect(page).toEqual((specs.example('get', LIST, 200) as { data: unknown }).data);
    const defaults = await client.listBuilds(ACTOR);
    expect(defaults.items).toHaveLength(1);
    const ascending = await client.listBuilds(ACTOR, { offset: 0, limit: 1000, desc: false });
    expect(ascending.total).toBe(1);
    expectValidRequests(exchanges, 3);
    const query = new URL(exchanges[0]!.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ offset: '0', limit: '10', desc: 'true' });
    expect(new URL(exchanges[0]!.url).pathname).toBe(`/v2/actors/${ACTOR}/builds`);
  });

  it('iterateBuilds and iterateBuildPages walk the example page with valid requests', async () => {
    const exchanges: Exchange[] = [];
    const client = clientFor(exchanges);
    const items = [];
    for await (const build of client.iterateBuilds(ACTOR, { pageSize: 50, desc: true }))
      items.push(build);
    const pages = [];
    for await (const page of client.iterateBuildPages(ACTOR, { offset: 0, maxItems: 10 }))
      pages.push(page);
    const example = (specs.example('get', LIST, 200) as { data: { items: unknown[] } }).data;
    expect(items).toEqual(example.items);
    expect(pages).toEqual([example]);
    expect(exchanges.length).toBeGreaterThanOrEqual(2);
    expectValidRequests(exchanges, exchanges.length);
  });

  it('abortBuild sends a valid request to the deprecated operation and parses the 200 example', async () => {
    const exchanges: Exchange[] = [];
    const build = await clientFor(exchanges).abortBuild(ACTOR, BUILD);
    expect(build).toEqual((specs.example('post', ABORT, 200) as { data: unknown }).data);
    expectValidRequests(exchanges, 1);
    expect(exchanges[0]).toMatchObject({ method: 'POST', status: 200 });
    expect(new URL(exchanges[0]!.url).pathname).toBe(`/v2/actors/${ACTOR}/builds/${BUILD}/abort`);
    // Prism marks responses of deprecated operations.
    expect(exchanges[0]!.deprecation).not.toBeNull();
  });

  it('abortBuild(buildId) sends a valid request to the live operation and parses the 200 example', async () => {
    const exchanges: Exchange[] = [];
    const build = await clientFor(exchanges).abortBuild(BUILD);
    expect(build).toEqual((specs.example('post', BUILD_ABORT, 200) as { data: unknown }).data);
    expectValidRequests(exchanges, 1);
    expect(exchanges[0]).toMatchObject({ method: 'POST', status: 200 });
    expect(new URL(exchanges[0]!.url).pathname).toBe(`/v2/actor-builds/${BUILD}/abort`);
    // Not deprecated: Prism sends no Deprecation header.
    expect(exchanges[0]!.deprecation).toBeNull();
  });

  it('the raw client sends valid requests and parses the example', async () => {
    const exchanges: Exchange[] = [];
    const { data, response } = await clientFor(exchanges).raw.GET(LIST, {
      params: { path: { actorId: ACTOR }, query: { offset: 1, limit: 2, desc: false } },
    });
    expect(response.status).toBe(200);
    expect(data?.data.items[0]?.id).toBe('HG7ML7M8z78YcAPEB');
    expectValidRequests(exchanges, 1);
  });

  const errorCases = (
    [
      ['get', LIST],
      ['post', ABORT],
      ['post', BUILD_ABORT],
    ] as const
  ).map(([method, template]) => {
    const statuses = () =>
      specs
        .statuses(method, template)
        .map(Number)
        .filter((s) => s >= 400);
    return { method, template, statuses };
  });

  for (const { method, template, statuses } of errorCases) {
    it(`maps every error example of ${method.toUpperCase()} ${template} to ApifyApiError`, async () => {
      const declared = statuses();
      expect(declared.length).toBeGreaterThanOrEqual(5);
      for (const status of declared) {
        const exchanges: Exchange[] = [];
        const client = clientFor(exchanges, `code=${status}`);
        const call =
          method === 'get'
            ? client.listBuilds(ACTOR, { limit: 10 })
            : template === ABORT
              ? client.abortBuild(ACTOR, BUILD)
              : client.abortBuild(BUILD);
        const error = await call.then(
          () => undefined,
          (e: unknown) => e,
        );
        const example = specs.example(method, template, status) as {
          error: { type: string; message: string };
        };
        expect(error, `status ${status}`).toBeInstanceOf(ApifyApiError);
        const apiError = error as ApifyApiError;
        expect(apiError).toMatchObject({
          name: 'ApifyApiError',
          status,
          type: example.error.type,
          method: method.toUpperCase(),
          path: template
            .replace('/v2/acts/', '/v2/actors/')
            .replace('{actorId}', ACTOR)
            .replace('{buildId}', BUILD),
          attempts: 1,
        });
        expect(apiError.message).toContain(example.error.message);
        expect(apiError.message).not.toContain(TOKEN);
        expectValidRequests(exchanges, 1);
        expect(exchanges[0]!.status).toBe(status);
      }
    });
  }

  it('retries the 429 example, then reports every attempt', async () => {
    const exchanges: Exchange[] = [];
    const error = await clientFor(exchanges, 'code=429', 2)
      .listBuilds(ACTOR)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({ status: 429, type: 'rate-limit-exceeded', attempts: 3 });
    expectValidRequests(exchanges, 3);
  });
});

describe('the examples of spec/openapi.yaml', () => {
  it('every schema example validates against its own schema', () => {
    const examples = specs.schemaExamples();
    expect(examples.length).toBeGreaterThanOrEqual(40);
    const invalid = examples
      .map(({ pointer, value }) => ({ pointer, errors: specs.checkAt(pointer, value) }))
      .filter(({ errors }) => errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it('rejects values the schemas rule out (so the check above can fail)', () => {
    expect(specs.checkAt('/ActorJobStatus', 'FINISHED')).not.toEqual([]);
    expect(specs.checkAt('/RunOrigin', 'MCP')).toEqual([]);
    expect(specs.checkAt('/BuildNumber', '0.1.0')).not.toEqual([]);
    expect(specs.checkAt('/BuildNumber', '100.1.1')).not.toEqual([]);
    expect(specs.checkAt('/BuildNumber', '12.34.56789')).toEqual([]);
    expect(specs.checkAt('/ActorDefinition/properties/version', '0.0.1')).toEqual([]);
    expect(specs.checkAt('/ActorDefinition/properties/version', '1')).not.toEqual([]);
    expect(specs.checkAt('/ActorDefinition/properties/minMemoryMbytes', 127)).not.toEqual([]);
    expect(specs.checkAt('/BuildStats', { imageSizeBytes: null })).toEqual([]);
    expect(specs.checkAt('/BuildStats', { imageSizeBytes: 1.5 })).not.toEqual([]);
  });

  it('every response example of every operation matches its schema', () => {
    let checked = 0;
    for (const [method, template] of [
      ['get', LIST],
      ['post', ABORT],
      ['get', LIST.replace('/acts/', '/actors/')],
      ['post', ABORT.replace('/acts/', '/actors/')],
    ] as const) {
      for (const status of specs.statuses(method, template).map(Number)) {
        const example = specs.example(method, template, status);
        expect(example, `${method} ${template} ${status}`).toBeDefined();
        expect(specs.check(method, template, status, example)).toEqual([]);
        checked += 1;
      }
    }
    expect(checked).toBe(28);
  });

  it('each legacy /v2/acts/ route shares the parameters and responses of its /v2/actors/ route', () => {
    // What may differ: the tag, operationId, summary, description and the deprecation.
    const shared = (method: 'get' | 'post', template: string) => {
      const operation = specs.operation(method, template);
      expect(operation, `${method} ${template}`).toBeDefined();
      const { tags, operationId, summary, description, deprecated, ...rest } = operation!;
      return rest;
    };
    for (const [method, legacy] of [
      ['get', LIST],
      ['post', ABORT],
    ] as const) {
      expect(specs.operation(method, legacy)?.deprecated).toBe(true);
      expect(shared(method, legacy)).toEqual(shared(method, legacy.replace('/acts/', '/actors/')));
    }
    // The live abort route shares the two-id route's responses and its buildId parameter;
    // only the latter is deprecated.
    expect(specs.operation('post', BUILD_ABORT)?.deprecated).toBeUndefined();
    const { pathParameters, ...live } = shared('post', BUILD_ABORT);
    const { pathParameters: actorRoute, ...twoIds } = shared(
      'post',
      ABORT.replace('/acts/', '/actors/'),
    );
    expect(live).toEqual(twoIds);
    expect(pathParameters).toEqual([{ $ref: '#/components/parameters/buildId' }]);
    expect(actorRoute).toEqual([
      { $ref: '#/components/parameters/actorId' },
      { $ref: '#/components/parameters/buildId' },
    ]);
    // The comparison sees a dropped response (so the check above can fail).
    const list = specs.operation('get', LIST)!;
    delete (list.responses as Record<string, unknown>)['429'];
    expect(list).not.toEqual(specs.operation('get', LIST));
  });

  it('an error body may lack type or message, never the error object', () => {
    expect(specs.check('get', LIST, 404, { error: {} })).toEqual([]);
    expect(specs.check('get', LIST, 404, { error: { message: 'gone' } })).toEqual([]);
    expect(specs.check('get', LIST, 404, {})).not.toEqual([]);
  });
});

describe('the fake API against spec/openapi.yaml', () => {
  let server: FakeApi;
  let authServer: FakeApi;
  beforeAll(async () => {
    server = await startFakeApi({
      actorId: ACTOR,
      builds: [
        { status: 'SUCCEEDED' },
        { status: 'FAILED' },
        { status: 'TIMED-OUT' },
        { status: 'ABORTED' },
        { status: 'TIMING-OUT' },
        { status: 'ABORTING' },
        { status: 'RUNNING', runTicks: 1_000 },
        { status: 'READY', readyTicks: 1_000 },
      ],
    });
    authServer = await startFakeApi({ actorId: ACTOR, token: 'only-this-token' });
  });
  afterAll(async () => {
    await server.close();
    await authServer.close();
  });

  async function exchange(
    s: FakeApi,
    pathAndQuery: string,
    init?: RequestInit,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${s.url}${pathAndQuery}`, init);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    return { status: response.status, body: await response.json() };
  }

  function expectMatchesSpec(
    method: 'get' | 'post',
    template: string,
    response: { status: number; body: unknown },
  ): void {
    expect(specs.statuses(method, template)).toContain(String(response.status));
    expect(specs.check(method, template, response.status, response.body)).toEqual([]);
  }

  it('rejects a body that breaks the schema (so the checks below can fail)', () => {
    const example = structuredClone(specs.example('get', LIST, 200)) as {
      data: { items: { status: string; extra?: number }[] };
    };
    expect(specs.check('get', LIST, 200, example)).toEqual([]);
    example.data.items[0]!.status = 'FINISHED';
    expect(specs.check('get', LIST, 200, example).join('\n')).toMatch(/status/);
    example.data.items[0]!.status = 'READY';
    example.data.items[0]!.extra = 1;
    expect(specs.check('get', LIST, 200, example)).not.toEqual([]);
  });

  it.each([
    '',
    '?offset=2&limit=3',
    '?offset=0&limit=1000&desc=true',
    '?desc=1&limit=1',
    '?desc=false',
    '?offset=100',
  ])('list%s matches the 200 schema', async (query) => {
    const response = await exchange(server, `/v2/acts/${ACTOR}/builds${query}`);
    expect(response.status).toBe(200);
    expectMatchesSpec('get', LIST, response);
  });

  it('every build, in every status, matches the abort 200 schema before and after the abort', async () => {
    for (const build of server.builds()) {
      const response = await exchange(server, `/v2/acts/${ACTOR}/builds/${build.id}/abort`, {
        method: 'POST',
      });
      expect(response.status).toBe(200);
      expectMatchesSpec('post', ABORT, response);
      expectMatchesSpec(
        'post',
        ABORT,
        await exchange(server, `/v2/acts/${ACTOR}/builds/${build.id}/abort`, { method: 'POST' }),
      );
    }
    expectMatchesSpec('get', LIST, await exchange(server, `/v2/acts/${ACTOR}/builds`));
  });

  it('the live abort route answers as the spec says: the build, 404 and 405', async () => {
    for (const build of server.builds()) {
      const response = await exchange(server, `/v2/actor-builds/${build.id}/abort`, {
        method: 'POST',
      });
      expect(response.status).toBe(200);
      expectMatchesSpec('post', BUILD_ABORT, response);
      expect((response.body as { data: { id: string } }).data.id).toBe(build.id);
    }
    for (const [status, init] of [
      [404, { method: 'POST' }],
      [405, { method: 'GET' }],
    ] as const) {
      const response = await exchange(server, '/v2/actor-builds/unknown/abort', init);
      expect(response.status).toBe(status);
      expectMatchesSpec('post', BUILD_ABORT, response);
      expect(response.body).toEqual(specs.example('post', BUILD_ABORT, status));
    }
  });

  it('error responses match the spec: status declared, body and example message', async () => {
    const cases: {
      method: 'get' | 'post';
      template: string;
      status: number;
      path: string;
      init?: RequestInit;
      before?: () => void;
    }[] = [
      { method: 'get', template: LIST, status: 400, path: `/v2/acts/${ACTOR}/builds?limit=0` },
      { method: 'get', template: LIST, status: 400, path: `/v2/acts/${ACTOR}/builds?offset=x` },
      { method: 'get', template: LIST, status: 404, path: '/v2/acts/nobody~nothing/builds' },
      {
        method: 'get',
        template: LIST,
        status: 405,
        path: `/v2/acts/${ACTOR}/builds`,
        init: { method: 'PUT' },
      },
      {
        method: 'post',
        template: ABORT,
        status: 404,
        path: `/v2/acts/${ACTOR}/builds/unknown/abort`,
        init: { method: 'POST' },
      },
      {
        method: 'post',
        template: ABORT,
        status: 404,
        path: `/v2/acts/nobody~nothing/builds/x/abort`,
        init: { method: 'POST' },
      },
      {
        method: 'post',
        template: ABORT,
        status: 405,
        path: `/v2/acts/${ACTOR}/builds/x/abort`,
        init: { method: 'GET' },
      },
    ];
    for (const status of [403, 429] as const) {
      cases.push({
        method: 'get',
        template: LIST,
        status,
        path: `/v2/acts/${ACTOR}/builds`,
        before: () => server.failNext(status),
      });
      cases.push({
        method: 'post',
        template: ABORT,
        status,
        path: `/v2/acts/${ACTOR}/builds/x/abort`,
        init: { method: 'POST' },
        before: () => server.failNext(status),
      });
    }
    for (const c of cases) {
      c.before?.();
      const response = await exchange(server, c.path, c.init);
      expect(response.status, c.path).toBe(c.status);
      expectMatchesSpec(c.method, c.template, response);
      const example = specs.example(c.method, c.template, c.status) as {
        error: { type: string; message: string };
      };
      const body = response.body as { error: { type: string; message: string } };
      expect(body.error.type).toBe(example.error.type);
      // 400 names the parameter; every other status uses the spec's example text.
      if (c.status !== 400) expect(body.error.message).toBe(example.error.message);
    }
    for (const template of [LIST, ABORT]) {
      const method = template === LIST ? 'get' : 'post';
      const path = template.replace('{actorId}', ACTOR).replace('{buildId}', 'x');
      const response = await exchange(authServer, path, {
        method: method.toUpperCase(),
        headers: { Authorization: 'Bearer wrong' },
      });
      expect(response.status).toBe(401);
      expectMatchesSpec(method, template, response);
      expect(response.body).toEqual(specs.example(method, template, 401));
    }
  });
});
