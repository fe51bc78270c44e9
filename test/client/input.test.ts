// What the client accepts before anything is sent: method arguments, client options, and the
// headers and URLs the options turn into.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBuildsClient,
  type BuildsClient,
  type BuildsClientOptions,
} from '../../src/index.js';
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
  unsetEnvEachTest,
  useLoopback,
} from '../helpers/api.js';
import { sendJson } from '../helpers/loopback.js';

const server = useLoopback();
beforeEach(() => {
  server().handle((req, res) =>
    req.method === 'POST'
      ? sendJson(res, 200, { data: build(BUILD, 'ABORTING') })
      : // A page echoes the offset it was asked for.
        sendJson(res, 200, {
          data: {
            ...pageBody(2).data,
            offset: Number(new URL(req.url ?? '', server().url).searchParams.get('offset')),
          },
        }),
  );
});

type ErrorClass = typeof TypeError | typeof RangeError;
type Call = (client: BuildsClient) => Promise<unknown>;

const BAD_IDS: unknown[] = [
  '',
  '.',
  '..',
  'a/b',
  'a?b',
  'a#b',
  'a\uD800',
  '\uDC00b',
  'a\uDC00\uD800b',
  42,
  null,
  undefined,
  ['a'],
];

/** Each call method with a bad actorId or buildId. */
const badIdCalls: [string, Call][] = BAD_IDS.flatMap((id): [string, Call][] => {
  const bad = id as string;
  // JSON.stringify(undefined) is undefined: shown as 'undefined'.
  const shown = (JSON.stringify(id) as string | undefined) ?? 'undefined';
  return [
    [`listBuilds actorId ${shown}`, (c) => c.listBuilds(bad)],
    [`iterateBuilds actorId ${shown}`, (c) => c.iterateBuilds(bad).next()],
    [`iterateBuildPages actorId ${shown}`, (c) => c.iterateBuildPages(bad).next()],
    [`abortBuild buildId ${shown}`, (c) => c.abortBuild(bad)],
    [`abortBuild buildId ${shown}, options`, (c) => c.abortBuild(bad, {})],
    [`abortBuild (deprecated) actorId ${shown}`, (c) => c.abortBuild(bad, BUILD)],
    // A third argument selects the two-id form whatever the second is.
    [`abortBuild (deprecated) buildId ${shown}`, (c) => c.abortBuild(ACTOR, bad, {})],
  ];
});

const badOptions: [string, Record<string, unknown>, ErrorClass, string][] = [
  ['offset', { offset: -1 }, RangeError, 'offset must be an integer >= 0, got -1'],
  ['offset', { offset: 1.5 }, RangeError, 'offset must be an integer >= 0, got 1.5'],
  ['offset', { offset: Number.NaN }, RangeError, 'offset must be an integer >= 0, got NaN'],
  ['offset', { offset: '3' }, TypeError, 'offset must be an integer >= 0, got "3"'],
  ['desc', { desc: 'yes' }, TypeError, 'desc must be true or false, got "yes"'],
  ['desc', { desc: 1 }, TypeError, 'desc must be true or false, got 1'],
  ['signal', { signal: 'stop' }, TypeError, 'signal must be an AbortSignal, got "stop"'],
];
const badListOptions: typeof badOptions = [
  ...badOptions,
  ['limit', { limit: 0 }, RangeError, 'limit must be an integer from 1 to 1000, got 0'],
  ['limit', { limit: 1001 }, RangeError, 'limit must be an integer from 1 to 1000, got 1001'],
  ['limit', { limit: 2.5 }, RangeError, 'limit must be an integer from 1 to 1000, got 2.5'],
];
const badWalkOptions: typeof badOptions = [
  ...badOptions,
  ['pageSize', { pageSize: 0 }, RangeError, 'pageSize must be an integer from 1 to 1000, got 0'],
  [
    'pageSize',
    { pageSize: 1001 },
    RangeError,
    'pageSize must be an integer from 1 to 1000, got 1001',
  ],
  ['maxItems', { maxItems: -1 }, RangeError, 'maxItems must be an integer >= 0, got -1'],
  ['maxItems', { maxItems: 1.5 }, RangeError, 'maxItems must be an integer >= 0, got 1.5'],
];

describe('bad arguments reject before any request', () => {
  afterEach(() => {
    expect(server().requests).toHaveLength(0);
  });

  it.each(badIdCalls)('%s', async (_name, call) => {
    const error = await rejectionOf(call(clientOf(server())));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(
      /^(actorId|buildId) must (be a non-empty string|not be "\." or "\.\."|not contain "\/", "\?" or "#"|be well-formed UTF-16 \(no lone surrogate\))/,
    );
  });

  it.each(badListOptions)('listBuilds %s: %j', async (_name, options, kind, message) => {
    const error = await rejectionOf(clientOf(server()).listBuilds(ACTOR, options));
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toBe(message);
  });

  it.each(badWalkOptions)(
    'iterateBuilds and iterateBuildPages %s: %j, on the first next()',
    async (_name, options, kind, message) => {
      const client = clientOf(server());
      const items = client.iterateBuilds(ACTOR, options);
      const pages = client.iterateBuildPages(ACTOR, options);
      for (const error of [await rejectionOf(items.next()), await rejectionOf(pages.next())]) {
        expect(error).toBeInstanceOf(kind);
        expect((error as Error).message).toBe(message);
      }
    },
  );

  it('rejects options that are not an object', async () => {
    const client = clientOf(server());
    for (const call of [
      client.listBuilds(ACTOR, 'x' as never),
      client.abortBuild(ACTOR, BUILD, 5 as never),
      client.iterateBuilds(ACTOR, 'x' as never).next(),
      client.listBuilds(ACTOR, [] as never),
      client.iterateBuildPages(ACTOR, [10] as never).next(),
    ]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/^options must be an object, got /);
    }
    expect(server().requests).toHaveLength(0);
  });

  it('names the parameter of an id that is not well-formed UTF-16, never a bare URIError', async () => {
    const client = clientOf(server());
    for (const [name, call] of [
      ['actorId', client.listBuilds('a\uD800')],
      ['actorId', client.iterateBuildPages('a\uD800').next()],
      ['buildId', client.abortBuild(ACTOR, 'b\uDFFF')],
    ] as const) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).not.toBeInstanceOf(URIError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^${name} must be well-formed UTF-16 \\(no lone surrogate\\), got "[ab]\\\\u[dD]`,
        ),
      );
    }
  });

  it.each([
    [
      'listBuilds',
      (c: BuildsClient) => c.listBuilds(ACTOR, { pageSize: 10 } as never),
      'unknown option "pageSize" in options (accepted: offset, limit, desc, signal); did you mean "limit"?',
    ],
    [
      'listBuilds',
      (c: BuildsClient) => c.listBuilds(ACTOR, { maxItems: 10 } as never),
      'unknown option "maxItems" in options (accepted: offset, limit, desc, signal); did you mean "limit"?',
    ],
    [
      'listBuilds',
      (c: BuildsClient) => c.listBuilds(ACTOR, { ofset: 10 } as never),
      'unknown option "ofset" in options (accepted: offset, limit, desc, signal); did you mean "offset"?',
    ],
    [
      'iterateBuilds',
      (c: BuildsClient) => c.iterateBuilds(ACTOR, { limit: 10 } as never).next(),
      'unknown option "limit" in options (accepted: offset, pageSize, desc, maxItems, signal); did you mean "pageSize"?',
    ],
    [
      'iterateBuildPages',
      (c: BuildsClient) => c.iterateBuildPages(ACTOR, { maxitems: 5 } as never).next(),
      'unknown option "maxitems" in options (accepted: offset, pageSize, desc, maxItems, signal); did you mean "maxItems"?',
    ],
    [
      'abortBuild',
      (c: BuildsClient) => c.abortBuild(ACTOR, BUILD, { sigal: undefined } as never),
      'unknown option "sigal" in options (accepted: signal); did you mean "signal"?',
    ],
  ])(
    '%s rejects an unknown option key, naming the accepted and the nearest',
    async (_m, call, message) => {
      const error = await rejectionOf(call(clientOf(server())));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe(message);
    },
  );

  it('maxItems: 0 sends nothing and yields nothing', async () => {
    const client = clientOf(server());
    const builds = [];
    for await (const each of client.iterateBuilds(ACTOR, { maxItems: 0 })) builds.push(each);
    for await (const page of client.iterateBuildPages(ACTOR, { maxItems: 0 })) builds.push(page);
    expect(builds).toEqual([]);
  });
});

describe('bad client options throw at once, naming the option', () => {
  it.each([
    [{ timeoutMs: 0 }, RangeError, 'timeoutMs must be an integer from 1 to 2147483647, got 0'],
    [{ timeoutMs: 1.5 }, RangeError, 'timeoutMs must be an integer from 1 to 2147483647, got 1.5'],
    [
      { timeoutMs: '100' },
      TypeError,
      'timeoutMs must be an integer from 1 to 2147483647, got "100"',
    ],
    [{ maxRetries: -1 }, RangeError, 'maxRetries must be an integer from 0 to 100, got -1'],
    [
      { maxRetries: Number.POSITIVE_INFINITY },
      RangeError,
      'maxRetries must be an integer from 0 to 100, got Infinity',
    ],
    [
      { minRetryDelayMs: -5 },
      RangeError,
      'minRetryDelayMs must be an integer from 0 to 2147483647, got -5',
    ],
    [
      { minRetryDelayMs: 100, maxRetryDelayMs: 10 },
      RangeError,
      'maxRetryDelayMs must be >= minRetryDelayMs (100), got 10',
    ],
    [
      { baseUrl: 'api.apify.com' },
      TypeError,
      'baseUrl must be an absolute http(s) URL without query or fragment, got "api.apify.com"',
    ],
    [{ baseUrl: 'ftp://api.apify.com' }, TypeError, 'baseUrl must be an absolute http(s) URL'],
    [
      { baseUrl: 'https://api.apify.com/?token=x' },
      TypeError,
      'baseUrl must be an absolute http(s) URL',
    ],
    [
      { baseUrl: 'https://api.apify.com/#top' },
      TypeError,
      'baseUrl must be an absolute http(s) URL',
    ],
    [
      { baseUrl: 42 },
      TypeError,
      'baseUrl must be an absolute http(s) URL without query or fragment, got 42',
    ],
    [
      { token: 'abc\ndef' },
      TypeError,
      'token must be a string of printable characters (the value is not shown)',
    ],
    [{ token: 42 }, TypeError, 'token must be a string of printable characters'],
    [
      { userAgent: 'my-app\r\nX-Evil: 1' },
      TypeError,
      'userAgent must be a string of printable characters',
    ],
    [{ fetch: 'fetch' }, TypeError, 'fetch must be a function'],
  ])('%j', (options, kind, message) => {
    expect(() => createBuildsClient(options as BuildsClientOptions)).toThrow(kind);
    expect(() => createBuildsClient(options as BuildsClientOptions)).toThrow(message);
  });

  it.each([
    [
      { timeout: 100 },
      'unknown option "timeout" in options (accepted: token, baseUrl, fetch, timeoutMs, maxRetries, minRetryDelayMs, maxRetryDelayMs, userAgent); did you mean "timeoutMs"?',
    ],
    [{ retries: 0 }, 'did you mean "maxRetries"?'],
    [{ baseURL: 'https://api.apify.com' }, 'did you mean "baseUrl"?'],
  ])('rejects an unknown option key: %j', (options, message) => {
    expect(() => createBuildsClient(options as BuildsClientOptions)).toThrow(TypeError);
    expect(() => createBuildsClient(options as BuildsClientOptions)).toThrow(message);
  });

  it('names baseUrl whatever its type', () => {
    expect(() => createBuildsClient({ baseUrl: 42n as never })).toThrow(
      /^baseUrl must be an absolute http\(s\) URL/,
    );
    expect(() => createBuildsClient({ baseUrl: {} as never })).toThrow(
      /^baseUrl must be an absolute http\(s\) URL/,
    );
  });

  it('rejects a baseUrl with credentials without showing them', () => {
    expect(() => createBuildsClient({ baseUrl: 'https://jane:hunter2@api.apify.com' })).toThrow(
      new TypeError('baseUrl must not contain credentials (the value is not shown)'),
    );
  });

  it('never shows a rejected token', () => {
    expect(() => createBuildsClient({ token: `${TOKEN}\n` })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(TOKEN) }),
    );
  });

  it('rejects options that are not an object', () => {
    expect(() => createBuildsClient('token' as never)).toThrow(
      new TypeError('options must be an object, got "token"'),
    );
  });
});

describe('the base URL', () => {
  unsetEnvEachTest('APIFY_API_BASE_URL');

  /** The URL of the one request a client without a baseUrl sends, through an injected fetch. */
  async function urlSentBy(options: BuildsClientOptions = {}): Promise<string> {
    const urls: string[] = [];
    const client = createBuildsClient({
      token: TOKEN,
      fetch: (input) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return Promise.resolve(Response.json({ data: build(BUILD, 'ABORTING') }));
      },
      ...options,
    });
    await client.abortBuild(BUILD);
    expect(urls).toHaveLength(1);
    return urls[0]!;
  }

  it('comes from APIFY_API_BASE_URL when the option is not given', async () => {
    process.env['APIFY_API_BASE_URL'] = server().url;
    await createBuildsClient({ token: TOKEN }).listBuilds(ACTOR, { limit: 2 });
    expect(server().requests.map((r) => r.url)).toEqual([`${LIST_PATH}?limit=2`]);
  });

  it('keeps a path of APIFY_API_BASE_URL and ignores its trailing slash', async () => {
    process.env['APIFY_API_BASE_URL'] = 'http://proxy.example/apify/';
    expect(await urlSentBy()).toBe(`http://proxy.example/apify/v2/actor-builds/${BUILD}/abort`);
  });

  it('from the option wins over APIFY_API_BASE_URL', async () => {
    process.env['APIFY_API_BASE_URL'] = 'http://127.0.0.1:1';
    expect(await urlSentBy({ baseUrl: 'http://proxy.example' })).toBe(
      `http://proxy.example/v2/actor-builds/${BUILD}/abort`,
    );
  });

  it('is https://api.apify.com when APIFY_API_BASE_URL is unset or empty', async () => {
    expect(await urlSentBy()).toBe(`https://api.apify.com/v2/actor-builds/${BUILD}/abort`);
    process.env['APIFY_API_BASE_URL'] = '';
    expect(await urlSentBy()).toBe(`https://api.apify.com/v2/actor-builds/${BUILD}/abort`);
  });

  it.each([
    [
      'api.apify.com',
      'APIFY_API_BASE_URL must be an absolute http(s) URL without query or fragment, got "api.apify.com"',
    ],
    [
      `https://api.apify.com/?token=${TOKEN}`,
      'APIFY_API_BASE_URL must be an absolute http(s) URL without query or fragment, got a URL with a query, fragment or credentials (not shown)',
    ],
    [
      `https://jane:${TOKEN}@api.apify.com`,
      'APIFY_API_BASE_URL must not contain credentials (the value is not shown)',
    ],
    [
      'http://127.0.0.1:4010/v2',
      'APIFY_API_BASE_URL must be the API\'s root without /v2 (the routes add it), got "http://127.0.0.1:4010/v2"',
    ],
  ])('is checked like the option, and named, when APIFY_API_BASE_URL is %s', (value, message) => {
    process.env['APIFY_API_BASE_URL'] = value;
    expect(() => createBuildsClient({ token: 'another-token' })).toThrow(new TypeError(message));
    expect(server().requests).toEqual([]);
  });

  it.each([
    'https://api.apify.com/v2',
    'https://api.apify.com/v2/',
    'http://proxy.example/apify/V2',
  ])('rejects a baseUrl that ends in the API version, which every route adds: %s', (baseUrl) => {
    expect(() => createBuildsClient({ baseUrl })).toThrow(
      new TypeError(
        `baseUrl must be the API's root without /v2 (the routes add it), got "${new URL(baseUrl).href}"`,
      ),
    );
  });

  it('accepts a path that only contains v2 elsewhere', async () => {
    expect(await urlSentBy({ baseUrl: 'http://proxy.example/v2-apify' })).toBe(
      `http://proxy.example/v2-apify/v2/actor-builds/${BUILD}/abort`,
    );
  });
});

describe('token', () => {
  unsetEnvEachTest('APIFY_TOKEN');

  /** One call of each kind, so every request path is covered. */
  async function callEach(client: BuildsClient): Promise<void> {
    await client.listBuilds(ACTOR, { limit: 2 });
    await client.abortBuild(BUILD);
    await client.abortBuild(ACTOR, BUILD);
    for await (const _build of client.iterateBuilds(ACTOR)) break;
    await client.raw.GET('/v2/acts/{actorId}/builds', { params: { path: { actorId: ACTOR } } });
  }

  it('is sent only as Authorization: Bearer, never in a URL', async () => {
    await callEach(clientOf(server()));
    expect(server().requests).toHaveLength(5);
    for (const request of server().requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.url).not.toContain(TOKEN);
      const otherHeaders = Object.entries(request.headers).filter(
        ([name]) => name !== 'authorization',
      );
      expect(JSON.stringify(otherHeaders)).not.toContain(TOKEN);
    }
  });

  it('comes from APIFY_TOKEN when the option is not given', async () => {
    process.env['APIFY_TOKEN'] = 'token-from-the-environment';
    await createBuildsClient({ baseUrl: server().url }).listBuilds(ACTOR);
    expect(server().requests[0]?.headers.authorization).toBe('Bearer token-from-the-environment');
  });

  it('from the option wins over APIFY_TOKEN', async () => {
    process.env['APIFY_TOKEN'] = 'token-from-the-environment';
    await clientOf(server()).listBuilds(ACTOR);
    expect(server().requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('is left out when there is none', async () => {
    await callEach(createBuildsClient({ baseUrl: server().url }));
    expect(server().requests).toHaveLength(5);
    expect(server().requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });
});

describe('User-Agent', () => {
  it('names the package and version', async () => {
    await clientOf(server()).listBuilds(ACTOR);
    expect(server().requests[0]?.headers['user-agent']).toMatch(
      /^apify-builds-client\/\d+\.\d+\.\d+ \(Node\.js [\d.]+\)$/,
    );
  });

  it('ends with the userAgent option', async () => {
    await clientOf(server(), { userAgent: 'my-dashboard/2.1' }).abortBuild(ACTOR, BUILD);
    const sent = server().requests[0]?.headers['user-agent'] ?? '';
    expect(sent).toContain('apify-builds-client/');
    expect(sent.endsWith(' my-dashboard/2.1')).toBe(true);
  });
});

describe('baseUrl and paths', () => {
  it('ignores a trailing slash', async () => {
    const client = clientOf(server(), { baseUrl: `${server().url}/` });
    await client.listBuilds(ACTOR);
    await client.abortBuild(ACTOR, BUILD);
    expect(server().requests.map((r) => r.url)).toEqual([LIST_PATH, ABORT_PATH]);
  });

  it.each(['/prefix', '/prefix/'])(
    'keeps a path prefix (%s) in requests and in error paths',
    async (prefix) => {
      const client = clientOf(server(), { baseUrl: `${server().url}${prefix}` });
      await client.listBuilds(ACTOR, { offset: 4 });
      server().handle((_req, res) =>
        sendJson(res, 404, errorBody('record-not-found', 'Build was not found')),
      );
      const error = await rejectionOf(client.abortBuild(ACTOR, BUILD));
      expect(server().requests.map((r) => r.url)).toEqual([
        `/prefix${LIST_PATH}?offset=4`,
        `/prefix${ABORT_PATH}`,
      ]);
      expect(error).toMatchObject({ status: 404, path: `/prefix${ABORT_PATH}` });
    },
  );

  it('sends each id as one encoded path segment', async () => {
    const client = clientOf(server());
    await client.abortBuild('jane doe~my%actor', 'build id');
    expect(server().requests[0]?.url).toBe(
      '/v2/actors/jane%20doe~my%25actor/builds/build%20id/abort',
    );
  });

  it('sends an id with a surrogate pair as UTF-8', async () => {
    await clientOf(server()).listBuilds('jane~\u{1F680}');
    expect(server().requests[0]?.url).toBe('/v2/actors/jane~%F0%9F%9A%80/builds');
  });

  it('sends desc only as given, and offset and limit as numbers', async () => {
    const client = clientOf(server());
    await client.listBuilds(ACTOR);
    await client.listBuilds(ACTOR, { offset: 0, limit: 1000, desc: false });
    await client.listBuilds(ACTOR, { desc: true });
    expect(server().requests.map((r) => r.url)).toEqual([
      LIST_PATH,
      `${LIST_PATH}?offset=0&limit=1000&desc=false`,
      `${LIST_PATH}?desc=true`,
    ]);
  });
});
