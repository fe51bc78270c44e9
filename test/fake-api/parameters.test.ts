// The fake API takes exactly the query parameters spec/openapi.yaml gives each operation (and the
// spec's query API key, `token`), with values their schemas allow: anything else is a 400
// invalid-input naming the parameter. Plain fetch on 127.0.0.1, and checkQuery on edited specs.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkQuery,
  loadSpecOperations,
  operationOf,
  specOperations,
  SUPPORT,
} from '../../fake-api/parameters.js';
import { startFakeApi, type FakeApi, type FakeApiOptions } from '../../fake-api/server.js';
import { fastPath } from '../../bench/fast-path.js';
import { asDocument, type OpenApiDocument, type Parameter } from '../../scripts/lib/openapi.js';
import { specPath } from '../../scripts/lib/paths.js';

let server: FakeApi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function send(path: string, init: RequestInit = {}, options: FakeApiOptions = {}) {
  server ??= await startFakeApi(options);
  const response = await fetch(`${server.url}${path}`, init);
  const body = (await response.json()) as { error?: { type: string; message: string } };
  return { status: response.status, body };
}

const LIST = '/v2/actors/janedoe~my-actor/builds';
const TAKES = 'GET /v2/actors/{actorId}/builds takes offset, limit, desc and token.';

describe('the fake API against the spec', () => {
  it('answers an unknown query parameter with 400 invalid-input naming it', async () => {
    expect(await send(`${LIST}?limit=2&bogus=1`)).toEqual({
      status: 400,
      body: {
        error: {
          type: 'invalid-input',
          message: `Invalid input: unknown query parameter 'bogus'; ${TAKES}`,
        },
      },
    });
  });

  it('names every unknown parameter, never a value', async () => {
    const { status, body } = await send(`${LIST}?tokn=s3cret-value&bogus=1&limit=2`);
    expect(status).toBe(400);
    expect(body.error?.message).toBe(
      `Invalid input: unknown query parameters 'tokn' and 'bogus'; ${TAKES}`,
    );
    expect(JSON.stringify(body)).not.toContain('s3cret-value');
  });

  it.each([
    ['the legacy list route', 'GET', '/v2/acts/janedoe~my-actor/builds?status=READY', 'status'],
    ['the abort', 'POST', '/v2/actor-builds/abc/abort?limit=1', 'limit'],
    ['the two-id abort', 'POST', '/v2/actors/janedoe~my-actor/builds/abc/abort?wait=1', 'wait'],
  ])('checks %s too', async (_, method, path, name) => {
    const { status, body } = await send(path, { method });
    expect(status).toBe(400);
    expect(body.error?.message).toContain(`unknown query parameter '${name}'`);
  });

  it('takes the token as a query parameter, as the spec says the API does', async () => {
    expect((await send(`${LIST}?token=t0ken&limit=1`, {}, { token: 't0ken' })).status).toBe(200);
    const wrong = await send(`${LIST}?token=other&limit=1`);
    expect(wrong.status).toBe(401);
  });

  it('reads values leniently on the benchmark fast path, names strictly', async () => {
    const pages: unknown[] = [];
    server = await startFakeApi();
    server.override(
      fastPath((actor, page) =>
        actor === 'fast' ? (pages.push(page), { body: Buffer.from('{"data":{}}') }) : undefined,
      ),
    );
    // What apify-client sends when it walks: a limit above the maximum and desc=1.
    const fast = '/v2/actors/fast/builds';
    expect((await send(`${fast}?limit=1500&offset=1000&desc=1`)).status).toBe(200);
    expect(pages).toEqual([{ offset: 1000, limit: 1000, desc: true }]);
    const unknown = await send(`${fast}?limit=5&bogus=1`);
    expect([unknown.status, unknown.body.error?.message]).toEqual([
      400,
      `Invalid input: unknown query parameter 'bogus'; ${TAKES}`,
    ]);
    expect(pages).toHaveLength(1);
    // A page the fast path leaves to the fake is checked in full.
    const fallThrough = await send('/v2/actors/janedoe~my-actor/builds?limit=1500');
    expect([fallThrough.status, fallThrough.body.error?.message]).toEqual([
      400,
      "Invalid input: query parameter 'limit' must be an integer between 1 and 1000.",
    ]);
  });
});

/** spec/openapi.yaml with one more parameter on the list operation. */
async function specWith(parameter: Parameter): Promise<OpenApiDocument> {
  const spec = asDocument(parse(await readFile(specPath, 'utf8')));
  spec.paths!['/v2/actors/{actorId}/builds']!.get!.parameters!.push(parameter);
  return spec;
}

const query = (text: string) => new URL(`http://localhost${LIST}?${text}`);

/** What checkQuery answers: `ok`, or the status and message it throws. */
function answer(operations: ReturnType<typeof specOperations>, text: string): string {
  try {
    checkQuery('GET', query(text), {}, operations);
    return 'ok';
  } catch (error) {
    const { status, message } = error as { status: number; message: string };
    return `${String(status)} ${message}`;
  }
}

describe('checkQuery', () => {
  it('takes a parameter the spec gains, checked against its schema', async () => {
    const status: Parameter = {
      name: 'status',
      in: 'query',
      schema: { $ref: '#/components/schemas/ActorJobStatus' },
    };
    const operations = specOperations(await specWith(status));
    expect(answer(loadSpecOperations(), 'status=READY')).toMatch(/^400 .*unknown.*'status'/);
    expect(answer(operations, 'status=READY')).toBe('ok');
    expect(answer(operations, 'status=PAUSED')).toBe(
      "400 Invalid input: query parameter 'status' must be one of READY, RUNNING, SUCCEEDED, " +
        'FAILED, TIMING-OUT, TIMED-OUT, ABORTING and ABORTED.',
    );
  });

  it.each([
    [{ type: 'integer', minimum: 1, maximum: 9 }, ['5', '1', '9'], ['0', '10', '1.5', '', 'x']],
    [{ type: 'integer', minimum: 0 }, ['0', '123'], ['-1', '9007199254740993']],
    [{ type: 'number', maximum: 2 }, ['1.5', '-3', '2'], ['2.5', 'NaN', '1e']],
    [{ type: 'boolean' }, ['true', 'false', '1', '0'], ['yes', 'TRUE', '']],
    [{ type: 'string', minLength: 2, maxLength: 3 }, ['ab', 'abc', 'ñé'], ['a', 'abcd']],
    [{ type: 'string', pattern: '^[a-z]+$' }, ['abc'], ['ABC', 'a1']],
  ])('holds values to %j', async (schema, good, bad) => {
    const operations = specOperations(await specWith({ name: 'x', in: 'query', schema }));
    for (const value of good)
      expect(answer(operations, `x=${encodeURIComponent(value)}`), value).toBe('ok');
    for (const value of bad)
      expect(answer(operations, `x=${encodeURIComponent(value)}`), value).toMatch(
        /^400 Invalid input: query parameter 'x' must be /,
      );
  });

  it('refuses a parameter given twice', () => {
    expect(answer(loadSpecOperations(), 'desc=true&desc=false')).toBe(
      "400 Invalid input: query parameter 'desc' must be given at most once.",
    );
  });

  it('leaves a request no operation matches to the routes', () => {
    const operations = loadSpecOperations();
    expect(operationOf('GET', '/v2/actor-builds/abc/abort', operations)).toBeUndefined();
    expect(operationOf('HEAD', `${LIST}/`, operations)?.id).toBe('actors_builds_get');
    expect(() => {
      checkQuery('DELETE', query('bogus=1'), {}, operations);
    }).not.toThrow();
  });

  it('says for every parameter of the spec whether it implements it', () => {
    const keys = new Set(loadSpecOperations().flatMap((op) => [...op.parameters.keys()]));
    expect(Object.keys(SUPPORT).sort()).toEqual([...keys].sort());
  });
});
