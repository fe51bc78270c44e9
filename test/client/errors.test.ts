// What a failed call tells its caller: ApifyApiError for every answer that is not the expected
// 2xx JSON, ApifyNetworkError when no answer came, and never the token.
import { describe, expect, it } from 'vitest';
import {
  ApifyApiError,
  ApifyError,
  ApifyNetworkError,
  ApifyTimeoutError,
  createBuildsClient,
} from '../../src/index.js';
import {
  ABORT_PATH,
  ACTOR,
  BUILD,
  LIST_PATH,
  TOKEN,
  clientOf,
  errorBody,
  rejectionOf,
  unsetEnvEachTest,
  useLoopback,
} from '../helpers/api.js';
import { closedPort, sendJson, sendText } from '../helpers/loopback.js';

const server = useLoopback();

const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>
</html>`;

describe('ApifyApiError', () => {
  it('carries status, type, message, method, path without query, and attempts', async () => {
    server().handle((_req, res) =>
      sendJson(res, 404, errorBody('record-not-found', 'Actor was not found')),
    );
    const error = await rejectionOf(
      clientOf(server()).listBuilds(ACTOR, { offset: 10, limit: 5, desc: true }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({
      name: 'ApifyApiError',
      status: 404,
      type: 'record-not-found',
      method: 'GET',
      path: LIST_PATH,
      attempts: 1,
    });
    // The server's own message, as it sent it, and a message that names the request.
    expect(error).toHaveProperty('apiMessage', 'Actor was not found');
    expect((error as Error).message).toBe(
      `404 record-not-found: Actor was not found (GET ${LIST_PATH})`,
    );
    expect(String(error)).toBe(
      `ApifyApiError: 404 record-not-found: Actor was not found (GET ${LIST_PATH})`,
    );
    expect(server().requests[0]?.url).toBe(`${LIST_PATH}?offset=10&limit=5&desc=true`);
  });

  it('is an ApifyError, as are the timeout and network errors', async () => {
    server().handle((_req, res) => sendJson(res, 400, errorBody('invalid-input', 'no')));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyError);
    expect(Object.getPrototypeOf(ApifyApiError.prototype)).toBe(ApifyError.prototype);
    expect(Object.getPrototypeOf(ApifyTimeoutError.prototype)).toBe(ApifyError.prototype);
    expect(Object.getPrototypeOf(ApifyNetworkError.prototype)).toBe(ApifyError.prototype);
    expect(new ApifyError('x', { method: 'GET', path: '/p', attempts: 1 })).toMatchObject({
      name: 'ApifyError',
      message: 'x (GET /p)',
    });
  });

  it('keeps the headers of the response', async () => {
    server().handle((_req, res) =>
      sendJson(res, 404, errorBody('record-not-found', 'gone'), { 'x-request-id': 'req-42' }),
    );
    const error = await rejectionOf(clientOf(server()).abortBuild(ACTOR, BUILD));
    expect((error as ApifyApiError).headers).toBeInstanceOf(Headers);
    expect((error as ApifyApiError).headers.get('x-request-id')).toBe('req-42');
  });

  it.each([
    [
      'a type but no message',
      { error: { type: 'rate-limit-exceeded' } },
      { type: 'rate-limit-exceeded' },
      /^403 rate-limit-exceeded: the response body was .*rate-limit-exceeded/,
    ],
    [
      'a message but no type',
      { error: { message: 'Actor is not public' } },
      { apiMessage: 'Actor is not public' },
      /^403: Actor is not public \(GET /,
    ],
    ['neither', { error: { code: 17 } }, {}, /^403: the response body was .*code.*17/],
  ])('keeps what an error body with %s had', async (_what, body, kept, message) => {
    server().handle((_req, res) => sendJson(res, 403, body));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({ status: 403, method: 'GET', path: LIST_PATH, ...kept });
    for (const key of ['type', 'apiMessage'] as const) {
      if (!(key in kept)) expect(error).not.toHaveProperty(key);
    }
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(new RegExp(`\\(GET ${LIST_PATH}\\)$`));
  });

  it('says which build abort failed', async () => {
    server().handle((_req, res) =>
      sendJson(res, 403, errorBody('insufficient-permissions', 'You cannot abort this build')),
    );
    const error = await rejectionOf(clientOf(server()).abortBuild(ACTOR, BUILD));
    expect(error).toMatchObject({
      name: 'ApifyApiError',
      status: 403,
      method: 'POST',
      path: ABORT_PATH,
      attempts: 1,
    });
    expect((error as Error).message).toContain('You cannot abort this build');
  });

  it('describes an HTML error page clearly', async () => {
    server().handle((_req, res) => sendText(res, 502, NGINX_502, 'text/html'));
    const error = await rejectionOf(clientOf(server(), { maxRetries: 1 }).listBuilds(ACTOR));
    expect(error).toMatchObject({ name: 'ApifyApiError', status: 502, attempts: 2 });
    expect(error).not.toHaveProperty('type');
    expect((error as Error).message).toMatch(/HTML/);
    expect((error as Error).message).toContain('502 Bad Gateway');
    expect((error as Error).message).not.toContain('<');
  });

  it('describes an empty error body clearly', async () => {
    server().handle((_req, res) => sendText(res, 500, ''));
    const error = await rejectionOf(clientOf(server(), { maxRetries: 0 }).listBuilds(ACTOR));
    expect(error).toMatchObject({ name: 'ApifyApiError', status: 500, attempts: 1 });
    expect((error as Error).message).toMatch(/empty/);
  });

  it('describes a JSON error body without an error object', async () => {
    server().handle((_req, res) => sendJson(res, 400, { problem: 'bad offset' }));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toMatchObject({ name: 'ApifyApiError', status: 400 });
    expect((error as Error).message).toContain('bad offset');
  });

  it('rejects a 2xx with truncated JSON, not with a SyntaxError', async () => {
    server().handle((_req, res) =>
      sendText(res, 200, '{"data":{"total":3,"items":[{"id"', 'application/json'),
    );
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({ status: 200, method: 'GET', path: LIST_PATH, attempts: 1 });
    expect((error as Error).message).toMatch(/expected a JSON body/);
  });

  it('rejects a 2xx HTML page', async () => {
    server().handle((_req, res) =>
      sendText(res, 200, '<!doctype html><title>Captive portal</title>', 'text/html'),
    );
    const error = await rejectionOf(clientOf(server()).abortBuild(ACTOR, BUILD));
    expect(error).toMatchObject({
      name: 'ApifyApiError',
      status: 200,
      method: 'POST',
      path: ABORT_PATH,
    });
    expect((error as Error).message).toContain('Captive portal');
  });

  it.each([
    ['no data', { items: [] }],
    ['data of another shape', { data: { items: 'none' } }],
    ['null', null],
  ])('rejects a 2xx JSON body with %s', async (_what, body) => {
    server().handle((_req, res) => sendJson(res, 200, body));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toMatchObject({ name: 'ApifyApiError', status: 200 });
    expect((error as Error).message).toMatch(/expected a JSON body with data/);
  });

  it('rejects an empty 2xx body', async () => {
    server().handle((_req, res) => sendText(res, 200, '', 'application/json'));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toMatchObject({
      name: 'ApifyApiError',
      status: 200,
      message: expect.stringMatching(/body was empty/),
    });
  });

  it('raw returns { error, response } for a 404 instead of throwing', async () => {
    server().handle((_req, res) =>
      sendJson(res, 404, errorBody('record-not-found', 'Actor was not found')),
    );
    const result = await clientOf(server()).raw.GET('/v2/acts/{actorId}/builds', {
      params: { path: { actorId: ACTOR } },
    });
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(errorBody('record-not-found', 'Actor was not found'));
    expect(result.response.status).toBe(404);
    expect(server().requests).toHaveLength(1);
  });
});

describe('a 401 or 403', () => {
  unsetEnvEachTest('APIFY_TOKEN');

  const ANSWERS = [
    [401, 'invalid-token', 'Authentication token is not valid.'],
    [403, 'insufficient-permissions', 'You do not have permission to perform this action.'],
  ] as const;

  it.each(ANSWERS)(
    '%i of a client without a token says that none was sent and how to send one',
    async (status, type, apiMessage) => {
      server().handle((_req, res) => sendJson(res, status, errorBody(type, apiMessage)));
      const client = createBuildsClient({ baseUrl: server().url });
      for (const [call, path] of [
        [() => client.listBuilds(ACTOR), `GET ${LIST_PATH}`],
        [() => client.iterateBuilds(ACTOR).next(), `GET ${LIST_PATH}`],
        [() => client.abortBuild(BUILD), `POST /v2/actor-builds/${BUILD}/abort`],
        [() => client.abortBuild(ACTOR, BUILD), `POST ${ABORT_PATH}`],
      ] as const) {
        const error = await rejectionOf(call());
        expect(error).toBeInstanceOf(ApifyApiError);
        expect((error as Error).message).toBe(
          `${status} ${type}: ${apiMessage} No token was sent: pass \`token\` or set APIFY_TOKEN. (${path})`,
        );
        // The server's own message stays as it was sent.
        expect(error).toMatchObject({ status, type, apiMessage });
      }
      expect(server().requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    },
  );

  it.each(ANSWERS)(
    '%i of a client with a token is as the server said',
    async (status, type, apiMessage) => {
      server().handle((_req, res) => sendJson(res, status, errorBody(type, apiMessage)));
      const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
      expect((error as Error).message).toBe(`${status} ${type}: ${apiMessage} (GET ${LIST_PATH})`);
    },
  );

  it('of a client whose token came from APIFY_TOKEN has no hint', async () => {
    process.env['APIFY_TOKEN'] = 'token-from-the-environment';
    server().handle((_req, res) => sendText(res, 401, ''));
    const error = await rejectionOf(
      createBuildsClient({ baseUrl: server().url }).listBuilds(ACTOR),
    );
    expect((error as Error).message).toBe(`401: the response body was empty (GET ${LIST_PATH})`);
  });

  it('without a body still says that no token was sent', async () => {
    server().handle((_req, res) => sendText(res, 403, ''));
    const error = await rejectionOf(
      createBuildsClient({ baseUrl: server().url }).listBuilds(ACTOR),
    );
    expect((error as Error).message).toBe(
      `403: the response body was empty. No token was sent: pass \`token\` or set APIFY_TOKEN. (GET ${LIST_PATH})`,
    );
  });

  it('is the only status that gets the hint', async () => {
    server().handle((_req, res) =>
      sendJson(res, 404, errorBody('record-not-found', 'Actor was not found')),
    );
    const error = await rejectionOf(
      createBuildsClient({ baseUrl: server().url }).listBuilds(ACTOR),
    );
    expect((error as Error).message).toBe(
      `404 record-not-found: Actor was not found (GET ${LIST_PATH})`,
    );
  });
});

describe('ApifyNetworkError', () => {
  it('is retried when the server resets the connection, then rejects with cause and attempts', async () => {
    server().handle((req) => req.socket.destroy());
    const error = await rejectionOf(clientOf(server(), { maxRetries: 2 }).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyNetworkError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ApifyNetworkError',
      method: 'GET',
      path: LIST_PATH,
      attempts: 3,
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server().requests).toHaveLength(3);
  });

  it('rejects when the connection is refused', async () => {
    const port = await closedPort();
    const client = createBuildsClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token: TOKEN,
      maxRetries: 1,
      minRetryDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    const error = await rejectionOf(client.abortBuild(ACTOR, BUILD));
    expect(error).toMatchObject({
      name: 'ApifyNetworkError',
      method: 'POST',
      path: ABORT_PATH,
      attempts: 2,
    });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});
