// The caller's AbortSignal and the per-attempt timeout: what each rejects with, when, and that
// neither leaves listeners, timers or sockets behind.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { ApifyNetworkError, ApifyTimeoutError } from '../../src/index.js';
import {
  ACTOR,
  BUILD,
  build,
  LIST_PATH,
  clientOf,
  errorBody,
  expectNoAbortListeners,
  pageBody,
  rejectionOf,
  useLoopback,
} from '../helpers/api.js';
import { sendJson } from '../helpers/loopback.js';

const server = useLoopback();
const hang = () => server().handle(() => {});

/** Starts a JSON body and never finishes it. */
function stallMidBody() {
  server().handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
    res.write('{"data":{"total":3,"offset":0,"items":[');
  });
}

/** The global fetch, telling when response headers have arrived and when the body was read. */
function observedFetch() {
  let headersArrived = (): void => {};
  let bodyRead = (): void => {};
  const headers = new Promise<void>((resolve) => (headersArrived = resolve));
  const body = new Promise<void>((resolve) => (bodyRead = resolve));
  const observed: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    headersArrived();
    // `body` resolves when the client's read reaches the end of the body, however it reads it.
    const source = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
    const watched = new ReadableStream<Uint8Array>({
      async pull(stream) {
        const chunk = await source?.read();
        if (chunk && !chunk.done) {
          stream.enqueue(chunk.value);
          return;
        }
        stream.close();
        bodyRead();
      },
    });
    return new Response(watched, response);
  };
  return { fetch: observed, headers, body };
}

describe('caller abort', () => {
  it('rejects with signal.reason while the request is in flight', async () => {
    hang();
    const controller = new AbortController();
    const reason = { why: 'user pressed cancel' };
    // maxRetries: 0, so the abort cannot pass for a network error that a retry's sleep rethrows.
    const pending = clientOf(server(), { maxRetries: 0 }).listBuilds(ACTOR, {
      signal: controller.signal,
    });
    await server().received(1);
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
    expect(server().requests).toHaveLength(1);
    expectNoAbortListeners(controller.signal);
  });

  it('rejects with signal.reason while the body is being read', async () => {
    stallMidBody();
    const { fetch, headers } = observedFetch();
    const controller = new AbortController();
    const reason = new Error('stop reading');
    const pending = clientOf(server(), { fetch, maxRetries: 0 }).listBuilds(ACTOR, {
      signal: controller.signal,
    });
    await headers;
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
    expectNoAbortListeners(controller.signal);
  });

  it('rejects with signal.reason mid-body with the runtime fetch too', async () => {
    stallMidBody();
    const controller = new AbortController();
    const reason = new Error('stop reading');
    const pending = clientOf(server(), { maxRetries: 0 }).listBuilds(ACTOR, {
      signal: controller.signal,
    });
    await server().received(1);
    // Long enough for the headers and the first bytes of the body to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
    expect(server().requests).toHaveLength(1);
    expectNoAbortListeners(controller.signal);
  });

  it('rejects promptly with signal.reason during a long retry delay, without another request', async () => {
    server().handle((_req, res) =>
      sendJson(res, 503, errorBody('busy', 'try later'), { 'retry-after': '10' }),
    );
    const { fetch, body } = observedFetch();
    const controller = new AbortController();
    const reason = { why: 'no more waiting' };
    const client = clientOf(server(), { fetch, maxRetryDelayMs: 10_000 });
    const pending = client.abortBuild(ACTOR, BUILD, { signal: controller.signal });
    await body;
    // One macrotask later the client has read the 503 and is in its 10 s sleep.
    await new Promise((resolve) => setImmediate(resolve));
    const abortedAt = performance.now();
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
    expect(performance.now() - abortedAt).toBeLessThan(2_000);
    expect(server().requests).toHaveLength(1);
    expectNoAbortListeners(controller.signal);
  });

  it('sends nothing when the signal is already aborted', async () => {
    server().handle((_req, res) => sendJson(res, 200, pageBody(1)));
    const reason = { why: 'aborted before the call' };
    const signal = AbortSignal.abort(reason);
    const client = clientOf(server());
    expect(await rejectionOf(client.listBuilds(ACTOR, { signal }))).toBe(reason);
    expect(await rejectionOf(client.abortBuild(ACTOR, BUILD, { signal }))).toBe(reason);
    expect(await rejectionOf(client.iterateBuilds(ACTOR, { signal }).next())).toBe(reason);
    expect(await rejectionOf(client.iterateBuildPages(ACTOR, { signal }).next())).toBe(reason);
    expect(
      await rejectionOf(
        client.raw.GET('/v2/acts/{actorId}/builds', {
          signal,
          params: { path: { actorId: ACTOR } },
        }),
      ),
    ).toBe(reason);
    expect(server().requests).toHaveLength(0);
    expectNoAbortListeners(signal);
  });

  it('rejects a walk with signal.reason and leaves no listener', async () => {
    hang();
    const controller = new AbortController();
    const reason = new Error('walk cancelled');
    const next = clientOf(server()).iterateBuilds(ACTOR, { signal: controller.signal }).next();
    await server().received(1);
    controller.abort(reason);
    expect(await rejectionOf(next)).toBe(reason);
    expectNoAbortListeners(controller.signal);
  });

  it('is the caller reason, not an ApifyTimeoutError, when the caller uses AbortSignal.timeout', async () => {
    hang();
    const signal = AbortSignal.timeout(50);
    const error = await rejectionOf(
      clientOf(server(), { timeoutMs: 10_000 }).listBuilds(ACTOR, { signal }),
    );
    expect(error).toBe(signal.reason);
    expect(error).not.toBeInstanceOf(ApifyTimeoutError);
  });
});

describe('listener hygiene', () => {
  it('leaves no abort listener after 20 calls with the same signal', async () => {
    server().handle((_req, res, count) =>
      count % 2 ? sendJson(res, 503, errorBody('busy', 'again')) : sendJson(res, 200, pageBody(1)),
    );
    const { signal } = new AbortController();
    const client = clientOf(server());
    for (let i = 0; i < 20; i += 1) await client.listBuilds(ACTOR, { signal });
    expect(server().requests).toHaveLength(40);
    expectNoAbortListeners(signal);
  });

  it('leaves no abort listener after raw calls, answered or aborted', async () => {
    server().handle((_req, res, count) =>
      count <= 3 ? sendJson(res, 200, pageBody(1)) : undefined,
    );
    const controller = new AbortController();
    const { signal } = controller;
    const client = clientOf(server());
    for (let i = 0; i < 3; i += 1) {
      const { response } = await client.raw.GET('/v2/actors/{actorId}/builds', {
        params: { path: { actorId: ACTOR } },
        signal,
      });
      expect(response.status).toBe(200);
    }
    expectNoAbortListeners(signal);
    const pending = rejectionOf(
      client.raw.POST('/v2/actor-builds/{buildId}/abort', {
        params: { path: { buildId: BUILD } },
        signal,
      }),
    );
    await server().received(4);
    const reason = new Error('raw call cancelled');
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expectNoAbortListeners(signal);
  });

  it('hands a raw call that brings its own fetch the signal in its Request', async () => {
    hang();
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const client = clientOf(server());
    const pending = rejectionOf(
      client.raw.GET('/v2/actors/{actorId}/builds', {
        params: { path: { actorId: ACTOR } },
        signal: controller.signal,
        fetch: (request: Request) => {
          seen.push(request.signal);
          return fetch(request);
        },
      }),
    );
    await server().received(1);
    const reason = new Error('own fetch cancelled');
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.aborted).toBe(true);
  });

  it('leaves no abort listener after failed calls and after a walk, finished or left early', async () => {
    server().handle((req, res) => {
      if (req.method === 'POST') {
        sendJson(res, 404, errorBody('record-not-found', 'no such build'));
        return;
      }
      const offset = Number(new URL(req.url ?? '', server().url).searchParams.get('offset'));
      const items = [build(`build${offset}`), build(`build${offset + 1}`)];
      sendJson(res, 200, { data: { ...pageBody(2, 6).data, offset, limit: 2, items } });
    });
    const { signal } = new AbortController();
    const client = clientOf(server());
    await rejectionOf(client.abortBuild(ACTOR, BUILD, { signal }));
    let count = 0;
    for await (const _build of client.iterateBuilds(ACTOR, { pageSize: 2, signal })) count += 1;
    expect(count).toBe(6);
    for await (const _page of client.iterateBuildPages(ACTOR, { pageSize: 2, signal })) break;
    expectNoAbortListeners(signal);
  });
});

describe('per-attempt timeout', () => {
  it('rejects with ApifyTimeoutError when the server never answers', async () => {
    hang();
    const controller = new AbortController();
    const error = await rejectionOf(
      clientOf(server(), { timeoutMs: 50, maxRetries: 0 }).listBuilds(ACTOR, {
        signal: controller.signal,
      }),
    );
    expect(error).toBeInstanceOf(ApifyTimeoutError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApifyNetworkError);
    expect(error).toMatchObject({
      name: 'ApifyTimeoutError',
      timeoutMs: 50,
      method: 'GET',
      path: LIST_PATH,
      attempts: 1,
    });
    expect(controller.signal.aborted).toBe(false);
    expect(server().requests).toHaveLength(1);
    expectNoAbortListeners(controller.signal);
  });

  it('counts the attempts when every retry times out', async () => {
    hang();
    const error = await rejectionOf(
      clientOf(server(), { timeoutMs: 50, maxRetries: 2 }).abortBuild(ACTOR, BUILD),
    );
    expect(error).toMatchObject({ name: 'ApifyTimeoutError', method: 'POST', attempts: 3 });
    expect(server().requests).toHaveLength(3);
  });

  it('covers the body: headers then a stall is a timeout too', async () => {
    stallMidBody();
    const error = await rejectionOf(
      clientOf(server(), { timeoutMs: 100, maxRetries: 1 }).listBuilds(ACTOR),
    );
    expect(error).toMatchObject({ name: 'ApifyTimeoutError', attempts: 2 });
    expect(server().requests).toHaveLength(2);
  });
});
