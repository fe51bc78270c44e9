// Page walks against a real loopback server whose list of builds can grow during the walk.
import { afterEach, describe, expect, it } from 'vitest';
import { createBuildsClient, type BuildShort } from '../../src/index.js';
import { ACTOR, collect, expectNoAbortListeners } from '../helpers/api.js';
import { startBuildsServer, type BuildsServer } from '../helpers/walk-server.js';

let server: BuildsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientOf = (s: BuildsServer) =>
  createBuildsClient({ baseUrl: s.url, token: 'pagination-token', maxRetries: 0, timeoutMs: 5000 });
const pageRequests = (s: BuildsServer) =>
  s.requests.map(({ offset, limit }) => ({ offset, limit }));

describe('iterateBuilds and iterateBuildPages', () => {
  it('sends exactly the requests needed: no trailing empty page when total is reached', async () => {
    server = await startBuildsServer(3000);
    const items = await collect(clientOf(server).iterateBuilds(ACTOR));
    expect(items.map((b) => b.id)).toEqual(server.ids());
    // Each request after the first begins with the last build handed out.
    expect(pageRequests(server)).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 999, limit: 1000 },
      { offset: 1998, limit: 1000 },
      { offset: 2997, limit: 1000 },
    ]);
  });

  it('stops on a short page and trims the last limit to maxItems', async () => {
    server = await startBuildsServer(2500);
    const client = clientOf(server);
    expect(await collect(client.iterateBuilds(ACTOR, { pageSize: 1000 }))).toHaveLength(2500);
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    const some = await collect(client.iterateBuilds(ACTOR, { pageSize: 400, maxItems: 1000 }));
    expect(some.map((b) => b.id)).toEqual(server.ids().slice(0, 1000));
    expect(pageRequests(server)).toEqual([
      { offset: 0, limit: 400 },
      { offset: 399, limit: 401 },
      { offset: 799, limit: 201 },
    ]);
  });

  it('maxItems 0 sends nothing and yields nothing', async () => {
    server = await startBuildsServer(10);
    expect(await collect(clientOf(server).iterateBuilds(ACTOR, { maxItems: 0 }))).toEqual([]);
    expect(await collect(clientOf(server).iterateBuildPages(ACTOR, { maxItems: 0 }))).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('newest first: builds started during the walk neither repeat nor skip the ones that existed', async () => {
    server = await startBuildsServer(2500);
    const existing = server.ids().reverse();
    const s = server;
    s.beforeAnswer = (index) => {
      if (index > 0) s.add(7 * index);
    };
    const items = await collect(clientOf(s).iterateBuilds(ACTOR, { desc: true }));
    expect(items.map((b) => b.id)).toEqual(existing);
    expect(s.requests.every((r) => r.desc)).toBe(true);
    // The builds started before each seam push the last build handed out on: found by id in the
    // answer, the builds after it are handed out.
    expect(s.requests.map((r) => r.offset)).toEqual([0, 999, 1998]);
  });

  it('oldest first: builds started during the walk are picked up at the end', async () => {
    server = await startBuildsServer(2000);
    const s = server;
    s.beforeAnswer = (index) => {
      if (index === 1) s.add(150);
    };
    const items = await collect(clientOf(s).iterateBuilds(ACTOR));
    expect(items.map((b) => b.id)).toEqual(s.ids());
    expect(items).toHaveLength(2150);
    expect(pageRequests(s)).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 999, limit: 1000 },
      { offset: 1998, limit: 1000 },
    ]);
  });

  it('yields pages with their offsets, so a walk can resume where it stopped', async () => {
    server = await startBuildsServer(1050);
    const client = clientOf(server);
    let checkpoint = 0;
    for await (const page of client.iterateBuildPages(ACTOR, { pageSize: 300 })) {
      expect(page.offset).toBe(checkpoint);
      checkpoint = page.offset + page.count;
      if (checkpoint >= 600) break;
    }
    const rest = await collect(
      client.iterateBuildPages(ACTOR, { pageSize: 300, offset: checkpoint }),
    );
    expect(rest.map((p) => p.offset)).toEqual([600, 900]);
    expect(rest.flatMap((p) => p.items).map((b) => b.id)).toEqual(server.ids().slice(600));
  });

  it('fetches the next page while the consumer works, never more than one ahead', async () => {
    server = await startBuildsServer(5000);
    const s = server;
    const seenWhileWorking: number[] = [];
    // 5000 builds in 6 requests: 1000, then 999 after each seam.
    for await (const _page of clientOf(s).iterateBuildPages(ACTOR)) {
      const expected = Math.min(6, seenWhileWorking.length + 2);
      // Give the prefetch time to reach the server (bounded wait), then note what it has seen.
      for (let i = 0; i < 200 && s.requests.length < expected; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      seenWhileWorking.push(s.requests.length);
    }
    expect(seenWhileWorking).toEqual([2, 3, 4, 5, 6, 6]);
    expect(s.maxInFlight).toBe(1);
  });

  it('break cancels the page fetched ahead without an unhandled rejection or a leftover listener', async () => {
    server = await startBuildsServer(3000);
    const s = server;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    s.beforeAnswer = (index) => (index === 1 ? held : undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const controller = new AbortController();
      let taken = 0;
      for await (const build of clientOf(s).iterateBuilds(ACTOR, { signal: controller.signal })) {
        expect(build.id).toBeTypeOf('string');
        taken += 1;
        if (taken === 10) {
          for (let i = 0; i < 200 && s.requests.length < 2; i += 1)
            await new Promise((r) => setTimeout(r, 5));
          break;
        }
      }
      expect(taken).toBe(10);
      expect(s.requests).toHaveLength(2);
      expectNoAbortListeners(controller.signal);
      release();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(s.requests).toHaveLength(2);
    } finally {
      release();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('the caller aborting mid-walk rejects with its reason and leaves no listener', async () => {
    server = await startBuildsServer(3000);
    const s = server;
    const controller = new AbortController();
    const reason = { why: 'stopped by the caller' };
    s.beforeAnswer = (index) => {
      if (index === 1) controller.abort(reason);
    };
    const walk = collect(clientOf(s).iterateBuildPages(ACTOR, { signal: controller.signal }));
    await expect(walk).rejects.toBe(reason);
    expectNoAbortListeners(controller.signal);
  });

  it('an already aborted signal sends nothing', async () => {
    server = await startBuildsServer(10);
    const controller = new AbortController();
    controller.abort(new Error('not today'));
    await expect(
      collect(clientOf(server).iterateBuilds(ACTOR, { signal: controller.signal })),
    ).rejects.toThrow('not today');
    await expect(clientOf(server).listBuilds(ACTOR, { signal: controller.signal })).rejects.toThrow(
      'not today',
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('iterateBuilds called without awaiting each next()', () => {
  it('still hands out every build once and in order', async () => {
    server = await startBuildsServer(25);
    const iterator = clientOf(server).iterateBuilds(ACTOR, { pageSize: 10 });
    const results = await Promise.all(Array.from({ length: 27 }, () => iterator.next()));
    expect(
      results.filter((r): r is IteratorYieldResult<BuildShort> => !r.done).map((r) => r.value.id),
    ).toEqual(server.ids());
    expect(results.slice(25).every((r) => r.done)).toBe(true);
  });
});
