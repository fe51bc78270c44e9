// Walks over a loopback server whose list changes between requests: the contract's guarantee as a
// property, the cases that lost or repeated builds before every seam was verified, options read
// once, and the response an error about a broken page names.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApifyApiError, createBuildsClient, type BuildShort } from '../../src/index.js';
import { ACTOR, collect, rejectionOf } from '../helpers/api.js';
import { ChurnList, churnCases, runs } from '../helpers/churn.js';
import { random } from '../../fake-api/store.js';
import { sendJson } from '../helpers/loopback.js';
import { startBuildsServer, type BuildsServer } from '../helpers/walk-server.js';

const clientOf = (s: BuildsServer, maxRetries = 0) =>
  createBuildsClient({ baseUrl: s.url, token: 'churn-token', maxRetries, minRetryDelayMs: 1 });
const ids = (builds: BuildShort[]) => builds.map((b) => b.id);

describe('the guarantee, as a property over HTTP', () => {
  let server: BuildsServer;
  beforeAll(async () => {
    server = await startBuildsServer(0);
  });
  afterAll(() => server.close());

  it('every survivor once, in order, nothing twice, valid requests within the bound', async () => {
    const client = clientOf(server);
    await fc.assert(
      fc.asyncProperty(churnCases({ size: 120 }), async (spec) => {
        const list = new ChurnList(spec);
        server.cut = (seen) => ({ ...list.answer(seen), desc: seen.desc });
        const { offset, pageSize, desc, maxItems } = spec;
        const walk = client.iterateBuilds(ACTOR, { offset, pageSize, desc, maxItems });
        list.verify(ids(await collect(walk)));
      }),
      { numRuns: runs(120) },
    );
  });
});

describe('lists that change between two requests', () => {
  let server: BuildsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** The builds that were never deleted, in walk order, each once: what the walk must yield. */
  const walkOf = async (s: BuildsServer, options: { desc?: boolean; pageSize: number }) => {
    const before = new Set(s.ids());
    const items = ids(await collect(clientOf(s).iterateBuilds(ACTOR, options)));
    const survivors = s.ids().filter((id) => before.has(id));
    expect(new Set(items).size).toBe(items.length);
    expect(items.filter((id) => survivors.includes(id))).toEqual(
      options.desc ? survivors.reverse() : survivors,
    );
    return items;
  };

  it('oldest first: a handed-out build deleted and one started, total unchanged: none skipped', async () => {
    server = await startBuildsServer(30);
    const s = server;
    s.beforeAnswer = (index) => {
      if (index === 1) {
        s.remove(s.ids()[3]!);
        s.add(1);
      }
    };
    const items = await walkOf(s, { pageSize: 10 });
    expect(items).toHaveLength(31);
    expect(s.requests.map((r) => [r.offset, r.limit])).toEqual([
      [0, 10],
      [9, 11],
      [0, 19],
      [18, 11],
      [28, 11],
    ]);
  });

  it.each([1, 2, 3])(
    'newest first, pages of %i: builds started and as many old ones deleted: each survivor once',
    async (pageSize) => {
      server = await startBuildsServer(40);
      const s = server;
      s.beforeAnswer = (index) => {
        if (index === 1) {
          s.add(6);
          s.deleteOldest(6);
        }
      };
      const items = await walkOf(s, { desc: true, pageSize });
      expect(items).toHaveLength(34);
    },
  );

  it('newest first, pages of 1: builds started and deleted at both ends: no request for limit 0', async () => {
    server = await startBuildsServer(12);
    const s = server;
    s.beforeAnswer = (index) => {
      if (index === 2) {
        s.add(3);
        s.deleteNewest(1);
        s.deleteOldest(2);
      }
    };
    await walkOf(s, { desc: true, pageSize: 1 });
    for (const r of s.requests) expect(r.limit).toBeGreaterThanOrEqual(1);
  });

  it('oldest first, pages of 1: 2 to 4 builds deleted anywhere before ten requests: none twice', async () => {
    server = await startBuildsServer(45);
    const s = server;
    // Ten deletions of 2 to 4 builds, before and after the walk's place, at fixed pseudo-random
    // positions.
    const next = random(7);
    const when = new Set(Array.from({ length: 10 }, (_, i) => 2 + i * 3));
    s.beforeAnswer = (index) => {
      if (!when.has(index)) return;
      const count = 2 + Math.floor(next() * 3);
      for (let i = 0; i < count; i += 1) {
        const now = s.ids();
        s.remove(now[Math.floor(next() * now.length)]!);
      }
    };
    const items = await walkOf(s, { pageSize: 1 });
    // The walk never goes back in list order (ids grow with startedAt here).
    expect(items).toEqual([...items].sort());
    expect(items.length).toBeGreaterThan(s.ids().length);
  });
});

describe('options are read once', () => {
  let server: BuildsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** An object whose `key` is `first` on the first read and `then` on every later one. */
  const fickle = (key: string, first: unknown, then: unknown) => {
    let reads = 0;
    return Object.defineProperty({}, key, {
      enumerable: true,
      get: () => (reads++ === 0 ? first : then),
    }) as never;
  };

  it('listBuilds sends the limit it checked', async () => {
    server = await startBuildsServer(10);
    await clientOf(server).listBuilds(ACTOR, fickle('limit', 5, 5000));
    expect(server.requests.map((r) => r.limit)).toEqual([5]);
  });

  it('a walk uses the pageSize it checked', async () => {
    server = await startBuildsServer(10);
    await collect(clientOf(server).iterateBuilds(ACTOR, fickle('pageSize', 4, 5000)));
    expect(server.requests.map((r) => [r.offset, r.limit])).toEqual([
      [0, 4],
      [3, 5],
      [7, 5],
    ]);
  });

  it('abortBuild uses the signal it checked', async () => {
    server = await startBuildsServer(0);
    server.loopback.handle((_req, res) =>
      sendJson(res, 200, { data: { id: 'b', status: 'ABORTED' } }),
    );
    const signal = new AbortController().signal;
    const build = await clientOf(server).abortBuild(ACTOR, 'b', fickle('signal', signal, 'oops'));
    expect(build).toMatchObject({ id: 'b' });
  });
});

describe('a page that makes no sense as part of the list', () => {
  let server: BuildsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("ends the walk with an ApifyApiError naming that response's status, attempts and path", async () => {
    server = await startBuildsServer(30);
    const s = server;
    let answered = 0;
    s.loopback.handle((req, res) => {
      answered += 1;
      // The second page: a 503 first, then a 203 whose builds have no startedAt.
      if (answered === 2) {
        sendJson(res, 503, { error: { type: 'busy', message: 'busy' } });
        return;
      }
      const url = new URL(req.url ?? '/', s.url);
      const seen = {
        offset: Number(url.searchParams.get('offset')),
        limit: Number(url.searchParams.get('limit')),
        desc: false,
      };
      const data: Record<string, unknown> = s.page(seen);
      if (answered === 3) data['items'] = (data['items'] as BuildShort[]).map(({ id }) => ({ id }));
      sendJson(res, answered === 3 ? 203 : 200, { data });
    });
    const error = await rejectionOf(collect(clientOf(s, 2).iterateBuilds(ACTOR, { pageSize: 10 })));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({
      status: 203,
      attempts: 2,
      method: 'GET',
      path: `/v2/actors/${ACTOR}/builds`,
    });
    expect((error as Error).message).toBe(
      `203: the page at offset 9 has a build without a valid startedAt at items[0] (GET /v2/actors/${ACTOR}/builds, after 2 attempts)`,
    );
  });
});
