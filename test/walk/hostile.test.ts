// Walks against a server whose list changes under them, that ignores offset or sends malformed
// pages, and walks that the caller aborts or leaves while a page is buffered or in flight.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ApifyApiError, createBuildsClient, type BuildShort } from '../../src/index.js';
import { ACTOR, collect, expectNoAbortListeners, rejectionOf } from '../helpers/api.js';
import { startBuildsServer, type BuildsServer } from '../helpers/walk-server.js';

let server: BuildsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientOf = (s: BuildsServer) =>
  createBuildsClient({
    baseUrl: s.url,
    token: 'hostile-walk-token',
    maxRetries: 0,
    timeoutMs: 10_000,
  });
const offsets = (s: BuildsServer) => s.requests.map((r) => r.offset);
const ids = (builds: BuildShort[]) => builds.map((b) => b.id);

describe('builds deleted during a walk', () => {
  it.each([
    // The oldest builds lie past the walk's place: nothing to find again.
    [3, [0, 9, 19, 29, 39, 49, 59, 69]],
    [1, [0, 9, 19, 29, 39, 49, 59, 69]],
  ])(
    'newest first, the 25 oldest deleted before request %i + 1: each survivor once',
    async (before, expected) => {
      server = await startBuildsServer(100);
      const s = server;
      const survivors = s.ids().reverse().slice(0, 75);
      s.beforeAnswer = (index) => (index === before ? s.deleteOldest(25) : undefined);
      const items = await collect(clientOf(s).iterateBuilds(ACTOR, { desc: true, pageSize: 10 }));
      expect(ids(items)).toEqual(survivors);
      expect(offsets(s)).toEqual(expected);
    },
  );

  it('newest first, the 15 newest (handed out) deleted before request 4: each survivor once', async () => {
    server = await startBuildsServer(100);
    const s = server;
    const all = s.ids().reverse();
    s.beforeAnswer = (index) => (index === 3 ? s.deleteNewest(15) : undefined);
    const items = await collect(clientOf(s).iterateBuilds(ACTOR, { desc: true, pageSize: 10 }));
    // The deleted builds came in the first two pages; the 85 survivors follow, each once.
    expect(ids(items)).toEqual(all);
    expect(ids(items.slice(15))).toEqual(s.ids().reverse());
    // The seam at 29 finds later builds only: the place moved back, and one window over all the
    // places it can be shows it.
    expect(s.requests.map((r) => [r.offset, r.limit])).toEqual([
      [0, 10],
      [9, 11],
      [19, 11],
      [29, 11],
      [0, 39],
      [24, 11],
      [34, 11],
      [44, 11],
      [54, 11],
      [64, 11],
      [74, 11],
    ]);
  });

  it('oldest first, the 300 oldest deleted mid-walk: every survivor once', async () => {
    server = await startBuildsServer(1000);
    const s = server;
    s.beforeAnswer = (index) => (index === 3 ? s.deleteOldest(300) : undefined);
    const items = await collect(clientOf(s).iterateBuilds(ACTOR, { pageSize: 100 }));
    const all = Array.from({ length: 1000 }, (_, i) => `build${String(i).padStart(6, '0')}`);
    // The first three pages were handed out before the deletion; every later build comes once.
    expect(ids(items)).toEqual(all);
    // Every build handed out is gone: the walk goes on from the start of the list.
    expect(offsets(s)).toEqual([0, 99, 199, 299, 0, 99, 199, 299, 399, 499, 599]);
  });

  it('oldest first, pages of 1000: a seam that moved costs one request', async () => {
    server = await startBuildsServer(3000);
    const s = server;
    const all = s.ids();
    s.beforeAnswer = (index) => (index === 2 ? s.deleteOldest(300) : undefined);
    const pages = await collect(clientOf(s).iterateBuildPages(ACTOR));
    expect(ids(pages.flatMap((p) => p.items))).toEqual(all);
    expect(offsets(s)).toEqual([0, 999, 1998, 1698, 2697]);
    // Resumable: each page says where it starts, counted as the server counts now.
    expect(pages.map((p) => [p.offset, p.count])).toEqual([
      [0, 1000],
      [1000, 999],
      [1699, 999],
      [2698, 2],
    ]);
  });
});

describe('a server that ignores offset', () => {
  it.each([false, true])(
    'echoing offset 0 (growing total: %s) ends in ApifyApiError',
    async (growing) => {
      server = await startBuildsServer(5000);
      const s = server;
      s.beforeAnswer = () => (growing ? s.add(100) : undefined);
      s.cut = (seen) => s.page({ ...seen, offset: 0 });
      let count = 0;
      const error = await rejectionOf(
        (async () => {
          for await (const _ of clientOf(s).iterateBuilds(ACTOR)) count += 1;
        })(),
      );
      expect(error).toBeInstanceOf(ApifyApiError);
      expect(error).toMatchObject({
        status: 200,
        method: 'GET',
        path: `/v2/actors/${ACTOR}/builds`,
      });
      expect((error as Error).message).toMatch(/offset 999 was requested/);
      expect(count).toBe(1000);
      expect(offsets(s)).toEqual([0, 999]);
    },
  );

  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])(
    'echoing the requested offset with the first page (desc %s, growing %s) ends in ApifyApiError',
    async (desc, growing) => {
      server = await startBuildsServer(5000);
      const s = server;
      s.beforeAnswer = () => (growing ? s.add(10) : undefined);
      s.cut = (seen) => ({ ...s.page({ ...seen, offset: 0 }), offset: seen.offset });
      const seen = new Set<string>();
      const error = await rejectionOf(
        (async () => {
          for await (const build of clientOf(s).iterateBuilds(ACTOR, { desc })) {
            expect(seen.has(build.id)).toBe(false);
            seen.add(build.id);
          }
        })(),
      );
      expect(error).toBeInstanceOf(ApifyApiError);
      expect((error as Error).message).toMatch(/ignore offset/);
      expect(s.requests.length).toBeLessThanOrEqual(20);
    },
  );
});

describe('malformed pages', () => {
  const malformed = (s: BuildsServer, data: Record<string, unknown>) => {
    s.cut = (seen) => ({ ...s.page(seen), ...data });
  };

  it.each([false, true])(
    'items that are not builds are an ApifyApiError (desc %s)',
    async (desc) => {
      server = await startBuildsServer(10);
      const [first] = server.page({ offset: 0, limit: 1, desc: false }).items;
      malformed(server, { items: [first, null, 42, 'b2'], count: 4 });
      const client = clientOf(server);
      for (const call of [
        () => client.listBuilds(ACTOR, { desc }),
        () => collect(client.iterateBuilds(ACTOR, { desc })),
        () => collect(client.iterateBuildPages(ACTOR, { desc })),
      ]) {
        const error = await rejectionOf(call());
        expect(error).toBeInstanceOf(ApifyApiError);
        expect(error).toMatchObject({ status: 200, method: 'GET' });
        expect((error as Error).message).toMatch(/items\[1\] is not a build with a string id/);
      }
    },
  );

  it('a count that is not the number of items is an ApifyApiError', async () => {
    server = await startBuildsServer(10);
    malformed(server, { count: 3 });
    const error = await rejectionOf(clientOf(server).listBuilds(ACTOR, { limit: 5 }));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect((error as Error).message).toMatch(/data\.count is 3 where data\.items has 5/);
  });

  it('a total of 1e400 is an ApifyApiError, never a request for offset=NaN', async () => {
    server = await startBuildsServer(10);
    const s = server;
    s.loopback.handle((_req, res) => {
      s.requests.push({ offset: 0, limit: 0, desc: false });
      const items = JSON.stringify(s.page({ offset: 0, limit: 1, desc: false }).items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"data":{"total":1e400,"offset":0,"limit":1,"count":1,"items":${items}}}`);
    });
    const error = await rejectionOf(collect(clientOf(s).iterateBuilds(ACTOR, { pageSize: 1 })));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect((error as Error).message).toMatch(/total is not an integer >= 0/);
    expect(s.loopback.requests.map((r) => r.url)).toEqual([
      `/v2/actors/${ACTOR}/builds?offset=0&limit=1`,
    ]);
  });
});

describe('abort while consuming', () => {
  it('iterateBuilds hands out nothing more after the abort, not even a buffered page', async () => {
    server = await startBuildsServer(3000);
    const controller = new AbortController();
    const reason = new Error('stop now');
    let count = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const _ of clientOf(server).iterateBuilds(ACTOR, {
          signal: controller.signal,
        })) {
          count += 1;
          if (count === 10) controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
    expect(count).toBe(10);
    expectNoAbortListeners(controller.signal);
  });

  it('iterateBuildPages does not hand out the page fetched ahead after the abort', async () => {
    server = await startBuildsServer(3000);
    const s = server;
    const controller = new AbortController();
    const reason = new Error('stop now');
    const pages = clientOf(s).iterateBuildPages(ACTOR, { signal: controller.signal });
    const first = await pages.next();
    expect(first.done ? undefined : first.value.offset).toBe(0);
    // Let the page fetched ahead arrive, so it sits in the walk's buffer.
    for (let i = 0; i < 200 && s.requests.length < 2; i += 1)
      await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort(reason);
    expect(await rejectionOf(pages.next())).toBe(reason);
    expect(await pages.next()).toEqual({ done: true, value: undefined });
  });

  it('return() during a pending next() cancels the request in flight at once', async () => {
    server = await startBuildsServer(3000);
    const s = server;
    let closed: () => void = () => {};
    const requestClosed = new Promise<void>((resolve) => (closed = resolve));
    s.loopback.handle((req, res) => {
      s.requests.push({ offset: 0, limit: 0, desc: false });
      // Never answers; the client's timeout is 10 s, so only cancelling ends this.
      res.on('close', closed);
    });
    const iterator = clientOf(s).iterateBuilds(ACTOR);
    const pending = iterator.next();
    await s.loopback.received(1);
    await iterator.return!();
    expect(await pending).toEqual({ done: true, value: undefined });
    await requestClosed;
    expect(s.requests).toHaveLength(1);
  });

  it('20 walks left after one next() leave no listener on the signal', async () => {
    server = await startBuildsServer(3000);
    const s = server;
    const { signal } = new AbortController();
    const client = clientOf(s);
    for (let i = 0; i < 20; i += 1) {
      const walk =
        i % 2
          ? client.iterateBuilds(ACTOR, { signal })
          : client.iterateBuildPages(ACTOR, { signal });
      await walk.next();
    }
    // Each walk fetched its second page ahead; once those are in, nothing is in flight.
    await s.loopback.received(40);
    for (let i = 0; i < 200 && getEventListeners(signal, 'abort').length > 0; i += 1) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expectNoAbortListeners(signal);
    expect(s.requests).toHaveLength(40);
  });
});
