// The fake API (test/fake-api/) behaves as spec/openapi.yaml describes the real one:
// pagination, the build lifecycle, abort, and the error responses. Plain fetch on 127.0.0.1.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeApi,
  type FakeBuild,
  type FakeApi,
  type FakeApiOptions,
} from '../../fake-api/server.js';
import { startLoopback, sendJson } from '../helpers/loopback.js';

let server: FakeApi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeApiOptions = {}): Promise<FakeApi> {
  server = await startFakeApi(options);
  return server;
}

interface Page {
  total: number;
  offset: number;
  limit: number;
  desc: boolean;
  count: number;
  items: { id: string; status: string; startedAt: string; finishedAt: string | null }[];
}

/** A JSON body as the tests read it: a page or a build under `data`, or an `error`. */
interface Body {
  data: Page & FakeBuild;
  error: { type: string; message: string };
}

async function call(
  s: FakeApi,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: Body; headers: Headers }> {
  const response = await fetch(`${s.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as Body,
    headers: response.headers,
  };
}

const list = (s: FakeApi, query = '', prefix = 'actors') =>
  call(s, `/v2/${prefix}/${s.actor.name}/builds${query}`);
const abort = (s: FakeApi, buildId: string, init: RequestInit = {}, prefix = 'actors') =>
  call(s, `/v2/${prefix}/${s.actor.name}/builds/${encodeURIComponent(buildId)}/abort`, {
    method: 'POST',
    ...init,
  });

describe('pagination', () => {
  it('pages through every build once, oldest first, with the default limit of 1000', async () => {
    const s = await start({ buildCount: 2500 });
    const seen: string[] = [];
    for (const offset of [0, 1000, 2000]) {
      const { status, body } = await list(s, `?offset=${offset}`);
      expect(status).toBe(200);
      const page = body.data as Page;
      expect(page).toMatchObject({
        total: 2500,
        offset,
        limit: 1000,
        desc: false,
        count: offset === 2000 ? 500 : 1000,
      });
      expect(page.items).toHaveLength(page.count);
      seen.push(...page.items.map((b) => b.id));
    }
    expect(new Set(seen).size).toBe(2500);
    expect(seen).toEqual(s.builds().map((b) => b.id));
    const started = s.builds().map((b) => Date.parse(b.startedAt));
    expect(started).toEqual([...started].sort((a, b) => a - b));
  });

  it('with desc=true starts from the newest build', async () => {
    const s = await start({ buildCount: 30 });
    const ids = s.builds().map((b) => b.id);
    const first = (await list(s, '?limit=10&desc=true')).body.data as Page;
    expect(first).toMatchObject({ total: 30, offset: 0, limit: 10, desc: true, count: 10 });
    expect(first.items.map((b) => b.id)).toEqual(ids.slice(20).reverse());
    const last = (await list(s, '?offset=25&limit=10&desc=1')).body.data as Page;
    expect(last.items.map((b) => b.id)).toEqual(ids.slice(0, 5).reverse());
    const ascending = (await list(s, '?offset=25&limit=10&desc=false')).body.data as Page;
    expect(ascending.items.map((b) => b.id)).toEqual(ids.slice(25));
  });

  it('answers an offset past the end with an empty page', async () => {
    const s = await start({ buildCount: 3 });
    const { status, body } = await list(s, '?offset=10&limit=5');
    expect(status).toBe(200);
    expect(body.data).toEqual({ total: 3, offset: 10, limit: 5, desc: false, count: 0, items: [] });
  });

  it('picks up builds started during an ascending walk at the end', async () => {
    const s = await start({ buildCount: 4 });
    const before = (await list(s, '?limit=2')).body.data as Page;
    const started = s.startBuild();
    const rest = (await list(s, '?offset=2&limit=2')).body.data as Page;
    const tail = (await list(s, '?offset=4&limit=2')).body.data as Page;
    expect(before.total).toBe(4);
    expect(rest.total).toBe(5);
    expect(tail.items.map((b) => b.id)).toEqual([started.id]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=abc', 'offset'],
    ['offset=1&offset=2', 'offset'],
    ['desc=yes', 'desc'],
  ])('rejects %s with 400 invalid-input naming the parameter', async (query, name) => {
    const s = await start();
    const { status, body } = await list(s, `?${query}`);
    expect(status).toBe(400);
    expect(body.error.type).toBe('invalid-input');
    expect(body.error.message).toContain(`'${name}'`);
  });
});

describe('build lifecycle and abort', () => {
  it('moves a build READY -> RUNNING -> SUCCEEDED as requests arrive', async () => {
    const s = await start({ builds: [{ status: 'READY', readyTicks: 2, runTicks: 2 }] });
    const statuses: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const page = (await list(s)).body.data as Page;
      statuses.push(page.items[0]!.status);
    }
    expect(statuses).toEqual(['READY', 'RUNNING', 'RUNNING', 'SUCCEEDED', 'SUCCEEDED']);
    const [build] = s.builds();
    expect(build!.finishedAt).not.toBeNull();
  });

  it('aborts a running build: ABORTING, then ABORTED', async () => {
    const s = await start({
      builds: [{ status: 'SUCCEEDED' }, { status: 'RUNNING', runTicks: 100 }],
    });
    const running = s.builds()[1]!;
    const first = await abort(s, running.id);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ id: running.id, status: 'ABORTING', finishedAt: null });
    const page = (await list(s)).body.data as Page;
    expect(page.items[1]).toMatchObject({ id: running.id, status: 'ABORTED' });
    expect(page.items[1]!.finishedAt).toEqual(expect.any(String));
    const again = await abort(s, running.id);
    expect(again.body.data.status).toBe('ABORTED');
  });

  it.each([
    ['RUNNING', { status: 'RUNNING', runTicks: 1 }],
    ['READY', { status: 'READY', readyTicks: 1, runTicks: 1 }],
  ] as const)(
    'answers ABORTING for a %s build on the very tick that would have moved it on',
    async (status, seed) => {
      const s = await start({ builds: [{ status: 'SUCCEEDED' }, seed] });
      const target = s.builds()[1]!;
      expect(target.status).toBe(status);
      const { body } = await abort(s, target.id);
      expect(body.data).toMatchObject({ id: target.id, status: 'ABORTING', finishedAt: null });
      // The next tick ends the abort, not the run.
      const page = (await list(s)).body.data as Page;
      expect(page.items[1]).toMatchObject({ id: target.id, status: 'ABORTED' });
    },
  );

  it('still moves the other builds on the tick of an abort', async () => {
    const s = await start({
      builds: [
        { status: 'RUNNING', runTicks: 1 },
        { status: 'RUNNING', runTicks: 100 },
      ],
    });
    const [finishing, target] = s.builds();
    expect((await abort(s, target!.id)).body.data.status).toBe('ABORTING');
    expect(s.builds().map((b) => [b.id, b.status])).toEqual([
      [finishing!.id, 'SUCCEEDED'],
      [target!.id, 'ABORTING'],
    ]);
  });

  it.each(['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED'] as const)(
    'leaves a %s build unchanged',
    async (status) => {
      const s = await start({ builds: [{ status }] });
      const [before] = s.builds();
      const { status: code, body } = await abort(s, before!.id);
      expect(code).toBe(200);
      expect(body.data).toEqual(before);
      expect(s.builds()[0]).toEqual(before);
    },
  );
});

describe('errors', () => {
  it('answers an unknown Actor or build with 404 record-not-found', async () => {
    const s = await start();
    for (const response of [
      await call(s, '/v2/actors/nobody~nothing/builds'),
      await abort(s, 'no-such-build'),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: { type: 'record-not-found', message: 'The requested resource was not found.' },
      });
    }
  });

  it('addresses the Actor by its ID as well as by username~name', async () => {
    const s = await start({ buildCount: 2 });
    const byId = await call(s, `/v2/actors/${s.actor.id}/builds`);
    expect(byId.status).toBe(200);
    expect(byId.body.data.total).toBe(2);
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const s = await start();
    const wrong = await call(s, `/v2/actors/${s.actor.name}/builds`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.body).toEqual({
      error: {
        type: 'method-not-allowed',
        message:
          'This API end-point can only be accessed using the following HTTP methods: OPTIONS,GET',
      },
    });
    expect(wrong.headers.get('allow')).toBe('OPTIONS, GET');
    const get = await call(s, `/v2/actors/${s.actor.name}/builds/x/abort`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('OPTIONS, POST');
  });

  it('accepts any Bearer token or none, and with a token option only that one', async () => {
    const open = await start();
    expect((await list(open)).status).toBe(200);
    expect(
      (
        await call(open, `/v2/actors/${open.actor.name}/builds`, {
          headers: { Authorization: 'Bearer anything' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(open, `/v2/actors/${open.actor.name}/builds`, {
          headers: { Authorization: 'Basic abc' },
        })
      ).status,
    ).toBe(401);
    await open.close();
    const s = await start({ token: 'right-token' });
    const wrong = await call(s, `/v2/actors/${s.actor.name}/builds`, {
      headers: { Authorization: 'Bearer wrong-token' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      error: { type: 'invalid-token', message: 'Authentication token is not valid.' },
    });
    expect((await list(s)).status).toBe(401);
    expect((await list(s, '?token=wrong-token')).status).toBe(401);
    expect((await list(s, '?token=right-token')).status).toBe(200);
    expect(
      (
        await call(s, `/v2/actors/${s.actor.name}/builds`, {
          headers: { Authorization: 'Bearer right-token' },
        })
      ).status,
    ).toBe(200);
  });

  it('injects failures on request, with Retry-After', async () => {
    const s = await start();
    s.failNext(429, 2, 1);
    const first = await list(s);
    const second = await list(s);
    const third = await list(s);
    expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.body.error.type).toBe('rate-limit-exceeded');
  });

  it('logs the time, method, path, query and status, never a token', async () => {
    const lines: string[] = [];
    const s = await start({ log: (line) => lines.push(line) });
    await call(s, `/v2/actors/${s.actor.name}/builds?token=query-secret&limit=1`, {
      headers: { Authorization: 'Bearer header-secret' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^mock: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z GET /v2/actors/${s.actor.name}/builds\\?token=\\*\\*\\*&limit=1 -> 200 \\(\\d+\\.\\d ms\\)$`,
      ),
    );
    expect(lines.join('\n')).not.toMatch(/secret/);
  });
});

describe('routes and fields of the live API', () => {
  it('serves the canonical /v2/actors/ and the legacy /v2/acts/ routes alike', async () => {
    const s = await start({
      builds: [{ status: 'SUCCEEDED' }, { status: 'RUNNING', runTicks: 100 }],
    });
    const canonical = await list(s, '?desc=true', 'actors');
    const legacy = await list(s, '?desc=true', 'acts');
    expect(canonical.status).toBe(200);
    expect(legacy.body.data.items.map((b: { id: string }) => b.id)).toEqual(
      canonical.body.data.items.map((b: { id: string }) => b.id),
    );
    const running = s.builds()[1]!;
    const aborted = await abort(s, running.id, {}, 'acts');
    expect(aborted.body.data).toMatchObject({ id: running.id, status: 'ABORTING' });
    const again = await abort(s, running.id, {}, 'actors');
    expect(again.body.data.status).toBe('ABORTED');
  });

  it('aborts by build id alone on /v2/actor-builds/, as the Actor route does', async () => {
    const s = await start({
      builds: [{ status: 'SUCCEEDED' }, { status: 'RUNNING', runTicks: 100 }],
    });
    const [finished, running] = s.builds();
    const byBuild = (id: string, init: RequestInit = { method: 'POST' }) =>
      call(s, `/v2/actor-builds/${encodeURIComponent(id)}/abort`, init);
    const first = await byBuild(running!.id);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      id: running!.id,
      status: 'ABORTING',
      finishedAt: null,
    });
    expect((await byBuild(running!.id)).body.data.status).toBe('ABORTED');
    expect((await byBuild(finished!.id)).body.data).toEqual(finished);
    // The same build through the Actor route.
    expect((await abort(s, running!.id)).body.data).toEqual(s.builds()[1]);
    const unknown = await byBuild('no-such-build');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.type).toBe('record-not-found');
    const get = await byBuild(running!.id, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('OPTIONS, POST');
    expect(s.requests).toBe(6);
  });

  it('lists the fields the live API sends, and full builds on abort', async () => {
    const s = await start({ buildCount: 3 });
    const page = (await list(s)).body.data as Page;
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      [
        'actId',
        'buildNumber',
        'buildNumberInt',
        'finishedAt',
        'id',
        'meta',
        'startedAt',
        'status',
        'usageTotalUsd',
        'userId',
      ].sort(),
    );
    expect(page.items.map((b) => (b as unknown as { buildNumber: string }).buildNumber)).toEqual([
      '0.1.1',
      '0.1.2',
      '0.1.3',
    ]);
    expect(page.items[0]).toMatchObject({
      buildNumberInt: 1,
      meta: {
        origin: expect.any(String),
        clientIp: expect.any(String),
        userAgent: expect.any(String),
      },
    });
    const full = (await abort(s, page.items[0]!.id)).body.data;
    expect(full).toMatchObject({
      buildNumber: '0.1.1',
      actVersion: { sourceType: 'SOURCE_FILES', buildTag: 'latest', versionNumber: '0.1' },
      stats: {
        durationMillis: expect.any(Number),
        runTimeSecs: expect.any(Number),
        computeUnits: expect.any(Number),
        imageSizeBytes: expect.any(Number),
      },
    });
  });

  it('starts new builds over time with startEveryMs, so there is always one to abort', async () => {
    const s = await start({ builds: [{ status: 'SUCCEEDED' }], startEveryMs: 20 });
    for (let waited = 0; s.builds().length < 3 && waited < 10_000; waited += 20) await sleep(20);
    const builds = s.builds();
    expect(builds.length).toBeGreaterThanOrEqual(3);
    const fresh = builds.at(-1)!;
    expect(fresh.status).toBe('READY');
    expect((await abort(s, fresh.id)).body.data.status).toBe('ABORTING');
  });

  it('with refillMs starts a new build soon after the last abortable one was aborted', async () => {
    const s = await start({
      builds: [{ status: 'SUCCEEDED' }, { status: 'RUNNING', runTicks: 1_000 }],
      refillMs: 30,
    });
    const running = s.builds()[1]!;
    // While a build can be aborted, none is added.
    await sleep(120);
    expect(s.builds()).toHaveLength(2);
    const started = performance.now();
    expect((await abort(s, running.id)).body.data.status).toBe('ABORTING');
    for (let waited = 0; s.builds().length < 3 && waited < 5_000; waited += 10) await sleep(10);
    expect(performance.now() - started).toBeLessThan(5_000);
    const builds = s.builds();
    expect(builds.map((b) => b.status)).toEqual(['SUCCEEDED', 'ABORTING', 'READY']);
    expect((await abort(s, builds[2]!.id)).body.data.status).toBe('ABORTING');
    // And again: one more after that.
    for (let waited = 0; s.builds().length < 4 && waited < 5_000; waited += 10) await sleep(10);
    expect(s.builds().map((b) => b.status)).toEqual(['SUCCEEDED', 'ABORTED', 'ABORTING', 'READY']);
  });

  it('with refillMs starts a new build when the last one finished by itself', async () => {
    const s = await start({
      builds: [{ status: 'READY', readyTicks: 1, runTicks: 1 }],
      refillMs: 30,
    });
    await list(s); // READY -> RUNNING
    await list(s); // RUNNING -> SUCCEEDED
    expect(s.builds().map((b) => b.status)).toEqual(['SUCCEEDED']);
    for (let waited = 0; s.builds().length < 2 && waited < 5_000; waited += 10) await sleep(10);
    expect(s.builds().map((b) => b.status)).toEqual(['SUCCEEDED', 'READY']);
  });

  it('without startEveryMs keeps the same builds', async () => {
    const s = await start({ buildCount: 4 });
    await sleep(50);
    await list(s);
    expect(s.builds()).toHaveLength(4);
  });

  it('records every request and can hand requests to an override', async () => {
    const s = await start({ buildCount: 2 });
    s.override((req, res) => {
      if (req.url === '/custom') return void res.writeHead(418).end();
      return 'next';
    });
    expect((await call(s, '/custom')).status).toBe(418);
    expect((await list(s)).body.data.total).toBe(2);
    await s.received(2);
    expect(s.recorded.map((r) => r.url)).toEqual(['/custom', `/v2/actors/${s.actor.name}/builds`]);
  });

  it('lets an override wait, change the store, then hand the request on', async () => {
    const s = await start({ buildCount: 2 });
    const [first] = s.builds();
    s.override(async (req, res) => {
      if (req.url === '/custom') return void res.writeHead(418).end();
      await sleep(20);
      s.removeBuild(first!.id);
      return 'next';
    });
    expect((await call(s, '/custom')).status).toBe(418);
    const page = (await list(s)).body.data;
    expect(page.total).toBe(1);
    expect(page.items.map((b) => b.id)).not.toContain(first!.id);
  });
});

describe('the loopback helper on top of the fake', () => {
  it('answers no-handler until told, then the test handler, then the fake API', async () => {
    const loopback = await startLoopback({ buildCount: 3 });
    try {
      const path = `/v2/actors/${loopback.api.actor.name}/builds`;
      const first = await fetch(`${loopback.url}${path}`);
      expect(first.status).toBe(404);
      expect(await first.json()).toEqual({
        error: { type: 'no-handler', message: 'no handler set' },
      });
      loopback.handle((_req, res, count) => sendJson(res, 200, { count }));
      expect(await (await fetch(`${loopback.url}${path}`)).json()).toEqual({ count: 2 });
      loopback.serveApi();
      const page = (await (await fetch(`${loopback.url}${path}`)).json()) as { data: Page };
      expect(page.data.total).toBe(3);
      await loopback.received(3);
      expect(loopback.requests.map((r) => r.url)).toEqual([path, path, path]);
    } finally {
      await loopback.close();
    }
  });
});
