// Which answers are retried, how often, and how long the client waits, counted on a real server.
import { describe, expect, it } from 'vitest';
import { ApifyApiError } from '../../src/index.js';
import {
  ABORT_PATH,
  ACTOR,
  BUILD,
  LIST_PATH,
  TOKEN,
  build,
  clientOf,
  errorBody,
  pageBody,
  rejectionOf,
  useLoopback,
} from '../helpers/api.js';
import { sendJson } from '../helpers/loopback.js';

const server = useLoopback();

/** Answers `status` to the first `failures` requests, then a page of builds. */
function failThenRecover(status: number, failures: number, headers: Record<string, string> = {}) {
  server().handle((_req, res, count) => {
    if (count <= failures)
      sendJson(res, status, errorBody('server-error', `failure ${count}`), headers);
    else sendJson(res, 200, pageBody(3));
  });
}

describe('retryable statuses', () => {
  it.each([429, 500, 502, 503, 504])(
    'retries %i and resolves once the server recovers',
    async (status) => {
      failThenRecover(status, 2);
      const page = await clientOf(server(), { maxRetries: 3 }).listBuilds(ACTOR);
      expect(page.count).toBe(3);
      expect(server().requests).toHaveLength(3);
      expect(
        server().requests.every((r) => r.method === 'GET' && r.url.startsWith(LIST_PATH)),
      ).toBe(true);
    },
  );

  it.each([429, 500, 502, 503, 504])(
    'gives up on %i after maxRetries + 1 attempts',
    async (status) => {
      failThenRecover(status, Number.POSITIVE_INFINITY);
      const error = await rejectionOf(clientOf(server(), { maxRetries: 2 }).listBuilds(ACTOR));
      expect(error).toBeInstanceOf(ApifyApiError);
      expect(error).toMatchObject({
        status,
        attempts: 3,
        // The message of the last answer.
        apiMessage: 'failure 3',
        message: `${status} server-error: failure 3 (GET ${LIST_PATH}, after 3 attempts)`,
      });
      expect(server().requests).toHaveLength(3);
    },
  );

  it('sends one request and reports 1 attempt with maxRetries: 0', async () => {
    failThenRecover(503, 1);
    const error = await rejectionOf(clientOf(server(), { maxRetries: 0 }).listBuilds(ACTOR));
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server().requests).toHaveLength(1);
  });

  it('retries 4 times by default', async () => {
    failThenRecover(500, Number.POSITIVE_INFINITY);
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toMatchObject({ status: 500, attempts: 5 });
    expect(server().requests).toHaveLength(5);
  });
});

describe('final statuses', () => {
  it.each([400, 401, 403, 404, 405])('never retries %i', async (status) => {
    failThenRecover(status, 1);
    const error = await rejectionOf(clientOf(server(), { maxRetries: 4 }).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(server().requests).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  const elapsedBetweenRequests = () => {
    const [first, second] = server().requests;
    return second!.at - first!.at;
  };

  it('honours delay-seconds up to maxRetryDelayMs', async () => {
    failThenRecover(503, 1, { 'retry-after': '1' });
    await clientOf(server(), { minRetryDelayMs: 1, maxRetryDelayMs: 50 }).listBuilds(ACTOR);
    expect(server().requests).toHaveLength(2);
    expect(elapsedBetweenRequests()).toBeGreaterThanOrEqual(40);
    expect(elapsedBetweenRequests()).toBeLessThan(1_000);
  });

  it('honours an HTTP date up to maxRetryDelayMs', async () => {
    failThenRecover(429, 1, { 'retry-after': new Date(Date.now() + 5_000).toUTCString() });
    await clientOf(server(), { minRetryDelayMs: 1, maxRetryDelayMs: 50 }).listBuilds(ACTOR);
    expect(server().requests).toHaveLength(2);
    expect(elapsedBetweenRequests()).toBeGreaterThanOrEqual(40);
    expect(elapsedBetweenRequests()).toBeLessThan(1_000);
  });

  it('keeps the headers of the last answer when retries run out', async () => {
    server().handle((_req, res, count) =>
      sendJson(res, 429, errorBody('rate-limit-exceeded', `answer ${count}`), {
        'retry-after': String(count),
        'x-ratelimit-remaining': '0',
      }),
    );
    const error = await rejectionOf(clientOf(server(), { maxRetries: 2 }).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyApiError);
    const { headers } = error as ApifyApiError;
    expect(headers).toBeInstanceOf(Headers);
    expect(headers.get('retry-after')).toBe('3');
    expect(headers.get('x-ratelimit-remaining')).toBe('0');
    expect(error).toMatchObject({ status: 429, attempts: 3, apiMessage: 'answer 3' });
  });
});

describe('what else is retried', () => {
  it('retries abortBuild (POST) and resolves to the build', async () => {
    server().handle((_req, res, count) =>
      count === 1
        ? sendJson(res, 502, errorBody('bad-gateway', 'try again'))
        : sendJson(res, 200, { data: build(BUILD, 'ABORTING') }),
    );
    const aborted = await clientOf(server()).abortBuild(ACTOR, BUILD);
    expect(aborted).toMatchObject({ id: BUILD, status: 'ABORTING' });
    expect(server().requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${ABORT_PATH}`,
      `POST ${ABORT_PATH}`,
    ]);
  });

  it('retries a reset connection and resolves once the server answers', async () => {
    server().handle((req, res, count) =>
      count < 3 ? req.socket.destroy() : sendJson(res, 200, pageBody(1)),
    );
    const page = await clientOf(server()).listBuilds(ACTOR);
    expect(page.count).toBe(1);
    expect(server().requests).toHaveLength(3);
  });

  it('retries a timed-out attempt and resolves once the server answers', async () => {
    server().handle((_req, res, count) => {
      if (count > 1) sendJson(res, 200, pageBody(1));
    });
    const page = await clientOf(server(), { timeoutMs: 100 }).listBuilds(ACTOR);
    expect(page.count).toBe(1);
    expect(server().requests).toHaveLength(2);
  });

  it('retries raw.GET with the same auth, and resolves to the data', async () => {
    failThenRecover(503, 1);
    const { data, error, response } = await clientOf(server()).raw.GET(
      '/v2/acts/{actorId}/builds',
      {
        params: { path: { actorId: ACTOR } },
      },
    );
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.data.count).toBe(3);
    expect(server().requests).toHaveLength(2);
    expect(server().requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
  });

  it('retries raw.request and raw.POST the same way', async () => {
    failThenRecover(503, 1);
    const client = clientOf(server());
    const listed = await client.raw.request('get', '/v2/actors/{actorId}/builds', {
      params: { path: { actorId: ACTOR } },
    });
    expect(listed.response.status).toBe(200);
    expect(server().requests).toHaveLength(2);
    server().handle((_req, res, count) =>
      count === 3
        ? sendJson(res, 502, errorBody('bad-gateway', 'again'))
        : sendJson(res, 200, { data: build(BUILD, 'ABORTED') }),
    );
    const aborted = await client.raw.POST('/v2/actor-builds/{buildId}/abort', {
      params: { path: { buildId: BUILD } },
    });
    expect(aborted.data?.data.status).toBe('ABORTED');
    expect(server().requests.map((r) => [r.method, r.headers.authorization])).toEqual(
      Array.from({ length: 4 }, (_, i) => [i < 2 ? 'GET' : 'POST', `Bearer ${TOKEN}`]),
    );
  });

  it('iterateBuilds retries a failing page and yields every build once', async () => {
    server().handle((req, res, count) => {
      if (count === 2) {
        sendJson(res, 500, errorBody('internal-error', 'oops'));
        return;
      }
      const offset = Number(new URL(req.url ?? '', server().url).searchParams.get('offset'));
      const items = [build(`build${offset}`), build(`build${offset + 1}`)];
      sendJson(res, 200, { data: { total: 4, offset, limit: 2, desc: false, count: 2, items } });
    });
    const ids: string[] = [];
    for await (const each of clientOf(server()).iterateBuilds(ACTOR, { pageSize: 2 }))
      ids.push(each.id);
    expect(ids).toEqual(['build0', 'build1', 'build2', 'build3']);
    expect(
      server().requests.map((r) => new URL(r.url, server().url).searchParams.get('offset')),
      // The 500 on the seam at 1 is retried; every page after the first begins with the last build.
    ).toEqual(['0', '1', '1', '2']);
  });
});
