// The token never shows in what an error offers to a log: message, String(err), stack and
// util.inspect with every cause, whether the server echoes it or the caller's input holds it.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApifyApiError, ApifyNetworkError, createBuildsClient } from '../../src/index.js';
import {
  ACTOR,
  BUILD,
  LIST_PATH,
  TOKEN,
  clientOf,
  errorBody,
  rejectionOf,
  useLoopback,
} from '../helpers/api.js';
import { sendJson, sendText } from '../helpers/loopback.js';

const server = useLoopback();

/** Everything a log line could show of an error. */
function shownOf(error: unknown): string[] {
  const { message, stack } = error as Error;
  return [message, String(error), stack ?? '', inspect(error, { depth: Infinity })];
}

/** Neither the token nor any 8 characters of it, wherever the error is shown. */
function expectNoToken(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const text of shownOf(error)) {
    for (let i = 0; i + 8 <= TOKEN.length; i += 1) {
      expect(text).not.toContain(TOKEN.slice(i, i + 8));
    }
  }
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.fail('expected a throw');
}

describe('a rejected baseUrl', () => {
  it.each([
    `https://api.apify.com/?token=${TOKEN}`,
    `https://api.apify.com/v2#token=${TOKEN}`,
    `api.apify.com/?token=${TOKEN}`,
    `ftp://api.apify.com/#token=${TOKEN}`,
  ])('does not quote its query or fragment: %s', (baseUrl) => {
    // The token is not the client's here, so only leaving the query out can hide it.
    const error = thrownBy(() => createBuildsClient({ baseUrl, token: 'another-token' }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(
      /^baseUrl must be an absolute http\(s\) URL without query or fragment, got a URL with a query, fragment or credentials \(not shown\)$/,
    );
    expectNoToken(error);
  });

  it('does not quote credentials of a URL that does not parse', () => {
    const error = thrownBy(() => createBuildsClient({ baseUrl: `jane:${TOKEN}@api.apify.com` }));
    expect(error).toBeInstanceOf(TypeError);
    expectNoToken(error);
  });
});

describe('an id that holds the token', () => {
  it.each([
    ['actorId with a slash', (c: ReturnType<typeof clientOf>) => c.listBuilds(`${TOKEN}/x`)],
    [
      'actorId with a lone surrogate',
      (c: ReturnType<typeof clientOf>) => c.listBuilds(`${TOKEN}\uD800`),
    ],
    ['buildId with a "?"', (c: ReturnType<typeof clientOf>) => c.abortBuild(ACTOR, `?${TOKEN}`)],
    [
      'one-argument buildId with a "?"',
      (c: ReturnType<typeof clientOf>) => c.abortBuild(`?${TOKEN}`),
    ],
    [
      'walk actorId with a "#"',
      (c: ReturnType<typeof clientOf>) => c.iterateBuilds(`#${TOKEN}`).next(),
    ],
  ])('is rejected without quoting it in full: %s', async (_what, call) => {
    const error = await rejectionOf(call(clientOf(server())));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^(actorId|buildId) must /);
    expect((error as Error).message).toContain('***');
    expectNoToken(error);
    expect(server().requests).toHaveLength(0);
  });

  it('that is sent does not show in the error path or message', async () => {
    server().handle((_req, res) =>
      sendJson(res, 404, errorBody('record-not-found', 'no such actor')),
    );
    const error = await rejectionOf(clientOf(server()).listBuilds(`janedoe~${TOKEN}`));
    expect(server().requests[0]?.url).toBe(`/v2/actors/janedoe~${TOKEN}/builds`);
    expect(error).toMatchObject({ status: 404, path: '/v2/actors/janedoe~***/builds' });
    expectNoToken(error);
  });
});

describe('a server that echoes the token', () => {
  it.each([
    [
      'a tag',
      `<html><body><p>Invalid token ${TOKEN.slice(0, 12)}<b>${TOKEN.slice(12)}</b></p></body></html>`,
    ],
    [
      'a line break',
      `<html><body><pre>Invalid token ${TOKEN.slice(0, 12)}\n${TOKEN.slice(12)}</pre></body></html>`,
    ],
    [
      'tags and blanks',
      `<p>${TOKEN.slice(0, 9)}<br/>\r\n  <i>${TOKEN.slice(9, 20)}</i>\t${TOKEN.slice(20)}</p>`,
    ],
  ])('in an HTML page, split by %s, is not shown after flattening', async (_what, page) => {
    server().handle((_req, res) => sendText(res, 401, page, 'text/html'));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect((error as Error).message).toMatch(/^401: the response body was an HTML page .*\*\*\*/);
    expectNoToken(error);
  });

  it('in a JSON message split by a line break, is not in apiMessage', async () => {
    const message = `token ${TOKEN.slice(0, 10)}\n${TOKEN.slice(10)} is not valid`;
    server().handle((_req, res) => sendJson(res, 401, errorBody('invalid-token', message)));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toMatchObject({ status: 401, apiMessage: 'token *** is not valid' });
    expectNoToken(error);
  });

  it('in a response header, is not in error.headers', async () => {
    server().handle((req, res) =>
      sendJson(res, 403, errorBody('insufficient-permissions', 'no'), {
        'x-echo': `${req.headers.authorization}`,
        'x-request-id': 'req-1',
      }),
    );
    const error = await rejectionOf(clientOf(server()).abortBuild(ACTOR, BUILD));
    const { headers } = error as ApifyApiError;
    expect(headers.get('x-echo')).toBe('Bearer ***');
    expect(headers.get('x-request-id')).toBe('req-1');
    expectNoToken(error);
  });

  it('in the unparsable Location of a redirect, is not in the cause chain', async () => {
    server().handle((_req, res) => {
      res.writeHead(302, { location: `http://[${TOKEN}/builds?token=${TOKEN}` });
      res.end();
    });
    const error = await rejectionOf(clientOf(server(), { maxRetries: 0 }).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyNetworkError);
    expect(error).toMatchObject({ method: 'GET', path: LIST_PATH, attempts: 1 });
    // The cause still says what happened, with the token replaced.
    const shown = inspect(error, { depth: Infinity });
    expect(shown).toContain('ERR_INVALID_URL');
    expect(shown).toContain('http://[***/builds?token=***');
    expectNoToken(error);
  });

  it('in a cause that is not an Error (a plain object a fetch threw), is not shown', async () => {
    const fetch = (): Promise<Response> =>
      Promise.reject(
        new TypeError('fetch failed', { cause: { code: 'EX', detail: `sent ${TOKEN}` } }),
      );
    const error = await rejectionOf(clientOf(server(), { maxRetries: 0, fetch }).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyNetworkError);
    // What the object said is still there, as text.
    expect(inspect(error, { depth: Infinity })).toContain('"detail":"sent ***"');
    expectNoToken(error);
  });

  it('in a cause that has no JSON form, is not shown either, and the error is still one of ours', async () => {
    const fetch = (): Promise<Response> =>
      Promise.reject(
        new TypeError('fetch failed', { cause: { toJSON: () => undefined, detail: TOKEN } }),
      );
    const error = await rejectionOf(clientOf(server(), { maxRetries: 0, fetch }).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyNetworkError);
    expectNoToken(error);
  });

  it('in a Location with another token= parameter, is not in the cause chain either', async () => {
    server().handle((_req, res) => {
      res.writeHead(302, { location: 'http://[bad/builds?token=some-other-secret' });
      res.end();
    });
    const error = await rejectionOf(clientOf(server(), { maxRetries: 0 }).listBuilds(ACTOR));
    expect(inspect(error, { depth: Infinity })).not.toContain('some-other-secret');
  });
});

describe('the token in other answers', () => {
  it('is redacted when the server echoes it in the error message and type', async () => {
    server().handle((req, res) => {
      const echoed = req.headers.authorization ?? '';
      sendJson(res, 401, errorBody(`bad-token-${TOKEN}`, `Token "${echoed}" is not valid`));
    });
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toMatchObject({ status: 401, message: expect.stringContaining('is not valid') });
    expectNoToken(error);
  });

  it('is redacted from an echoing HTML page, even where the message is cut short', async () => {
    // The token straddles the point where the quoted body is shortened.
    const page = `<p>${'x'.repeat(150)} ${TOKEN} ${'y'.repeat(200)}</p>`;
    server().handle((_req, res) => sendText(res, 400, page, 'text/html'));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect((error as Error).message).toMatch(/HTML/);
    expectNoToken(error);
  });

  it('is redacted from an echoing body that is not JSON on a 2xx, cause included', async () => {
    server().handle((_req, res) => sendText(res, 200, `{"data": ${TOKEN}}`, 'application/json'));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyApiError);
    expectNoToken(error);
  });

  it('is redacted from a 2xx JSON body without data', async () => {
    server().handle((_req, res) => sendJson(res, 200, { token: TOKEN }));
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyApiError);
    expectNoToken(error);
  });

  it('is redacted where the server quotes it JSON-escaped', async () => {
    const token = 'quote"and\\backslash-token';
    server().handle((req, res) => sendJson(res, 400, { detail: req.headers.authorization }));
    const client = createBuildsClient({ baseUrl: server().url, token });
    const error = await rejectionOf(client.listBuilds(ACTOR));
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('Bearer ***') });
    expect((error as Error).message).not.toContain('backslash');
  });

  it('is not in a network error', async () => {
    server().handle((req) => req.socket.destroy());
    const error = await rejectionOf(clientOf(server(), { maxRetries: 0 }).listBuilds(ACTOR));
    expect(error).toBeInstanceOf(ApifyNetworkError);
    expectNoToken(error);
  });

  it('is not in a timeout error', async () => {
    server().handle(() => {});
    const error = await rejectionOf(
      clientOf(server(), { maxRetries: 0, timeoutMs: 50 }).listBuilds(ACTOR),
    );
    expect(error).toMatchObject({ name: 'ApifyTimeoutError' });
    expectNoToken(error);
  });
});
