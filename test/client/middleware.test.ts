// Middleware added with raw.use() runs for the facade's own calls too, and the facade keeps
// working when a middleware replaces the Request or the Response.
import { describe, expect, it } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import { ApifyApiError } from '../../src/index.js';
import {
  ABORT_PATH,
  ACTOR,
  BUILD,
  LIST_PATH,
  build,
  clientOf,
  errorBody,
  pageBody,
  rejectionOf,
  useLoopback,
} from '../helpers/api.js';
import { sendJson } from '../helpers/loopback.js';

const server = useLoopback();

function answerBuilds(): void {
  server().handle((req, res) =>
    req.method === 'POST'
      ? sendJson(res, 200, { data: build(BUILD, 'ABORTING') })
      : sendJson(res, 200, pageBody(3)),
  );
}

/** A client with `middleware`, and the names of the hooks it saw, in order. */
function clientWith(middleware: Middleware, options = {}) {
  const client = clientOf(server(), options);
  client.raw.use(middleware);
  return client;
}

describe('a middleware that replaces the Response', () => {
  const copyResponse: Middleware = {
    onResponse: ({ response }) => new Response(response.body, response),
  };

  it('keeps listBuilds, abortBuild and the walks working', async () => {
    answerBuilds();
    const client = clientWith(copyResponse);
    const page = await client.listBuilds(ACTOR);
    expect(page.items.map((b) => b.id)).toEqual(['build0', 'build1', 'build2']);
    expect(await client.abortBuild(ACTOR, BUILD)).toMatchObject({ id: BUILD, status: 'ABORTING' });
    const ids: string[] = [];
    for await (const each of client.iterateBuilds(ACTOR)) ids.push(each.id);
    expect(ids).toEqual(['build0', 'build1', 'build2']);
    expect(server().requests).toHaveLength(3);
  });

  it('reads the body of the replacement, not of the original', async () => {
    answerBuilds();
    const client = clientWith({
      onResponse: async ({ response }) => {
        const body = (await response.json()) as ReturnType<typeof pageBody>;
        body.data.items = body.data.items.slice(0, 1);
        body.data.count = 1;
        return new Response(JSON.stringify(body), response);
      },
    });
    const page = await client.listBuilds(ACTOR);
    expect(page).toMatchObject({ count: 1, items: [{ id: 'build0' }] });
  });

  it('keeps working when a middleware only reads a clone and hands the Response on', async () => {
    answerBuilds();
    const logged: number[] = [];
    const client = clientWith({
      onResponse: async ({ response }) => {
        const body = (await response.clone().json()) as { data: { count: number } };
        logged.push(body.data.count);
      },
    });
    expect((await client.listBuilds(ACTOR)).count).toBe(3);
    expect(logged).toEqual([3]);
  });

  it('still gives an ApifyApiError with status, request and attempts', async () => {
    server().handle((_req, res, count) =>
      count < 3
        ? sendJson(res, 503, errorBody('busy', `try again ${count}`))
        : sendJson(res, 404, errorBody('record-not-found', 'Build was not found'), {
            'x-request-id': 'req-7',
          }),
    );
    const error = await rejectionOf(clientWith(copyResponse).abortBuild(ACTOR, BUILD));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({
      status: 404,
      type: 'record-not-found',
      apiMessage: 'Build was not found',
      method: 'POST',
      path: ABORT_PATH,
      attempts: 3,
    });
    expect((error as ApifyApiError).headers.get('x-request-id')).toBe('req-7');
  });

  it('may turn an answer into an error the facade reports', async () => {
    answerBuilds();
    const client = clientWith({
      onResponse: () =>
        new Response(JSON.stringify(errorBody('blocked', 'blocked by policy')), { status: 403 }),
    });
    const error = await rejectionOf(client.listBuilds(ACTOR));
    expect(error).toMatchObject({ status: 403, type: 'blocked', method: 'GET', path: LIST_PATH });
  });
});

describe('a middleware that replaces the Request', () => {
  it('keeps the facade working, with the replacement sent', async () => {
    answerBuilds();
    const client = clientWith({
      onRequest: ({ request }) => {
        const headers = new Headers(request.headers);
        headers.set('x-tenant', 'acme');
        return new Request(request.url, { method: request.method, headers });
      },
    });
    const page = await client.listBuilds(ACTOR, { limit: 3 });
    expect(page.count).toBe(3);
    expect(await client.abortBuild(ACTOR, BUILD)).toMatchObject({ status: 'ABORTING' });
    expect(server().requests.map((r) => [r.method, r.url, r.headers['x-tenant']])).toEqual([
      ['GET', `${LIST_PATH}?limit=3`, 'acme'],
      ['POST', ABORT_PATH, 'acme'],
    ]);
  });

  it('reports the path that was sent, and the caller can still abort', async () => {
    server().handle(() => {});
    const client = clientWith({
      onRequest: ({ request }) =>
        new Request(request.url.replace('/v2/actors/', '/v2/acts/'), request),
    });
    const controller = new AbortController();
    const call = rejectionOf(client.listBuilds(ACTOR, { signal: controller.signal }));
    await server().received(1);
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(server().requests[0]?.url).toBe(`/v2/acts/${ACTOR}/builds`);

    server().handle((_req, res) => sendJson(res, 404, errorBody('record-not-found', 'gone')));
    const error = await rejectionOf(client.listBuilds(ACTOR));
    expect(error).toMatchObject({ status: 404, path: `/v2/acts/${ACTOR}/builds`, attempts: 1 });
  });

  it('that answers in place of the server still gives the request it stood for', async () => {
    const client = clientWith({
      onRequest: () =>
        new Response(JSON.stringify(errorBody('offline', 'no network here')), { status: 503 }),
    });
    const error = await rejectionOf(client.abortBuild(ACTOR, BUILD));
    expect(error).toMatchObject({ status: 503, type: 'offline', method: 'POST', path: ABORT_PATH });
    expect(server().requests).toHaveLength(0);
  });
});

describe('raw with a middleware that replaces the Request', () => {
  it('sends the replacement with the same auth', async () => {
    answerBuilds();
    const client = clientWith({
      onRequest: ({ request }) => new Request(`${request.url}&mark=1`, request),
    });
    const { data, response } = await client.raw.GET('/v2/actors/{actorId}/builds', {
      params: { path: { actorId: ACTOR }, query: { limit: 3 } },
    });
    expect(response.status).toBe(200);
    expect(data?.data.count).toBe(3);
    expect(server().requests[0]?.url).toBe(`${LIST_PATH}?limit=3&mark=1`);
    expect(server().requests[0]?.headers.authorization).toMatch(/^Bearer /);
  });
});

describe('middleware hooks', () => {
  it('see each facade call once, after retries', async () => {
    server().handle((_req, res, count) =>
      count === 1 ? sendJson(res, 500, errorBody('oops', 'oops')) : sendJson(res, 200, pageBody(1)),
    );
    const seen: string[] = [];
    const client = clientWith({
      onRequest: ({ request }) => {
        seen.push(`request ${request.method} ${new URL(request.url).pathname}`);
      },
      onResponse: ({ response }) => {
        seen.push(`response ${response.status}`);
      },
    });
    await client.listBuilds(ACTOR);
    expect(seen).toEqual([`request GET ${LIST_PATH}`, 'response 200']);
    expect(server().requests).toHaveLength(2);
  });
});

describe('fetch options of a request', () => {
  it('reach fetch as the caller or a middleware set them (credentials, cache ...)', async () => {
    answerBuilds();
    const seen: Request[] = [];
    // An injected fetch that records what it is handed, then sends it to the loopback server.
    const fetch = async (request: Request | string | URL, init?: RequestInit) => {
      const sent = new Request(request, init);
      seen.push(sent);
      return globalThis.fetch(sent);
    };
    const client = clientOf(server(), { fetch });
    await client.raw.GET('/v2/actors/{actorId}/builds', {
      params: { path: { actorId: ACTOR } },
      cache: 'no-store',
      credentials: 'include',
    });
    // Node's RequestInit type lacks `cache`; its Request takes and keeps it.
    const init = { cache: 'no-cache', keepalive: true };
    client.raw.use({ onRequest: ({ request }) => new Request(request, init) });
    await client.listBuilds(ACTOR);
    expect(seen.map((r) => [r.cache, r.credentials, r.keepalive])).toEqual([
      ['no-store', 'include', false],
      ['no-cache', 'same-origin', true],
    ]);
  });
});
