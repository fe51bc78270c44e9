// Part `parameters` of `npm run check` (scripts/spec/parameters.ts): every parameter of the spec
// is offered by the client or listed in spec/not-exposed.yaml, and the fake API says whether it
// implements it; each finding names the operation, the parameter and the next step.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { specOperations, SUPPORT } from '../../fake-api/parameters.js';
import { asDocument, type OpenApiDocument, type Parameter } from '../../scripts/lib/openapi.js';
import { specPath } from '../../scripts/lib/paths.js';
import {
  clientFindings,
  fakeFindings,
  parameterFindings,
  readNotExposed,
  type NotExposed,
} from '../../scripts/spec/parameters.js';

let scratch: string;
let notExposed: NotExposed[];
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'spec-parameters-'));
  notExposed = await readNotExposed();
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const readSpec = async () => asDocument(parse(await readFile(specPath, 'utf8')));
const LIST = '/v2/actors/{actorId}/builds';
const WITH_DETAILS: Parameter = { name: 'withDetails', in: 'query', schema: { type: 'boolean' } };

/** The committed spec, `edit`ed. */
async function operationsAfter(edit: (spec: OpenApiDocument) => void) {
  const spec = await readSpec();
  edit(spec);
  return specOperations(spec);
}

const addToList = (parameter: Parameter) => (spec: OpenApiDocument) =>
  spec.paths![LIST]!.get!.parameters!.push(parameter);

describe('the committed spec', () => {
  it('has every parameter followed through to the client and the fake', async () => {
    expect(await parameterFindings()).toEqual([]);
  });
});

describe('a new query parameter of the list operation', () => {
  it('is named with the client’s next step, once for both methods', async () => {
    const operations = await operationsAfter(addToList(WITH_DETAILS));
    expect(clientFindings(operations, notExposed)).toEqual([
      "actors_builds_get (GET /v2/actors/{actorId}/builds): query parameter 'withDetails' is " +
        'not offered by listBuilds nor by iterateBuilds and iterateBuildPages: add ' +
        "'withDetails' in LIST_OPTIONS and 'withDetails' in WALK_OPTIONS in src/options.ts (the " +
        "type in src/public.ts, a row in the README's options table), or list " +
        "'query.withDetails' in spec/not-exposed.yaml with the reason it is not exposed.",
    ]);
  });

  it('names only the methods that lack it', async () => {
    const operations = await operationsAfter(addToList(WITH_DETAILS));
    const callers = {
      actors_builds_get: [
        {
          method: 'listBuilds',
          arguments: ['actorId'],
          table: 'LIST',
          options: { withDetails: {} },
        },
        { method: 'walk', arguments: ['actorId'], table: 'WALK', options: {} },
      ],
    };
    const found = clientFindings(operations, notExposed, callers);
    expect(found.filter((f) => f.includes('withDetails'))).toEqual([
      expect.stringContaining(
        "'withDetails' is not offered by walk: add 'withDetails' in WALK in src/options.ts",
      ),
    ]);
  });

  it('passes once spec/not-exposed.yaml lists it with a reason', async () => {
    const operations = await operationsAfter(addToList(WITH_DETAILS));
    const entry = { parameter: 'query.withDetails', reason: 'not yet' };
    expect(clientFindings(operations, [...notExposed, entry])).toEqual([]);
    const other = { operation: 'acts_builds_get', parameter: 'query.withDetails', reason: 'x' };
    expect(clientFindings(operations, [...notExposed, other])).toHaveLength(2);
  });

  it('is named for the fake, naming fake-api/ and what to do', async () => {
    const operations = await operationsAfter((spec) => {
      addToList(WITH_DETAILS)(spec);
      spec.paths!['/v2/acts/{actorId}/builds']!.get!.parameters!.push(WITH_DETAILS);
    });
    expect(fakeFindings(operations)).toEqual([
      "fake-api/: query parameter 'withDetails' (actors_builds_get, acts_builds_get) is neither " +
        "implemented nor listed as unsupported: implement it in fake-api/ and add 'query.withDetails': " +
        "'implemented' to SUPPORT in fake-api/parameters.ts, or add 'query.withDetails': " +
        "{ unsupported: '<reason>' } there.",
    ]);
    const support = { ...SUPPORT, 'query.withDetails': { unsupported: 'ignored' } };
    expect(fakeFindings(operations, support)).toEqual([]);
  });
});

describe('other spec changes', () => {
  it('names a new operation no method calls', async () => {
    const operations = await operationsAfter((spec) => {
      spec.paths!['/v2/actor-builds/{buildId}'] = {
        get: {
          operationId: 'actorBuild_get',
          parameters: [{ $ref: '#/components/parameters/buildId' }],
        },
      };
    });
    expect(clientFindings(operations, notExposed)).toEqual([
      'actorBuild_get (GET /v2/actor-builds/{buildId}): no method of the client calls it: add ' +
        'one (src/builds.ts, its options in src/options.ts) and list it in CALLERS of ' +
        'scripts/spec/parameters.ts, or list the operation in spec/not-exposed.yaml with the ' +
        'reason it is not exposed.',
    ]);
  });

  it('names a limit or offset whose bounds or default are no longer the client’s, once', async () => {
    /** The schema of a parameter the operations share by `$ref`. */
    const schemaOf = (spec: OpenApiDocument, name: string) =>
      (spec.components!.parameters as Record<string, { schema: Record<string, number> }>)[name]!
        .schema;
    const smaller = await operationsAfter((spec) => {
      schemaOf(spec, 'limit')['maximum'] = 500;
      schemaOf(spec, 'limit')['default'] = 500;
    });
    expect(clientFindings(smaller, notExposed)).toEqual([
      expect.stringMatching(
        /^actors_builds_get .*: query parameter 'limit' allows 1\.\.500, default 500 in the spec, but 'limit' in LIST_OPTIONS allows 1\.\.1000, default 1000: make its range and default in src\/options\.ts the spec's \(the largest page is MAX_LIMIT in src\/pagination\/types\.ts\)\.$/,
      ),
    ]);
    const offset = await operationsAfter((spec) => {
      schemaOf(spec, 'offset')['minimum'] = 1;
    });
    expect(clientFindings(offset, notExposed)).toEqual([
      expect.stringMatching(
        /query parameter 'offset' allows 1\.\..*'offset' in LIST_OPTIONS allows 0\.\./,
      ),
    ]);
  });

  it('names a path parameter that is no argument of the method', async () => {
    const operations = await operationsAfter((spec) => {
      spec.paths![LIST]!.get!.parameters!.push({
        name: 'version',
        in: 'path',
        required: true,
        schema: { type: 'string' },
      });
    });
    expect(clientFindings(operations, notExposed)).toEqual([
      expect.stringMatching(
        /^actors_builds_get .*: path parameter 'version' is not offered by listBuilds nor by .*: take it as an argument of listBuilds and as an argument of .* \(src\/builds\.ts, src\/public\.ts\), or list 'path\.version' in spec\/not-exposed\.yaml/,
      ),
    ]);
  });

  it('names stale entries: a parameter gone, an operation renamed, a SUPPORT key gone', async () => {
    const operations = await operationsAfter((spec) => {
      const list = spec.paths![LIST]!.get!;
      list.operationId = 'actor_builds_list';
      list.parameters = list.parameters!.filter((p) => !('$ref' in p) || !p.$ref.endsWith('/desc'));
      spec.paths!['/v2/acts/{actorId}/builds']!.get!.parameters!.pop();
    });
    const found = clientFindings(operations, [
      ...notExposed,
      { parameter: 'query.desc', reason: 'gone' },
    ]);
    expect(found).toEqual([
      expect.stringMatching(/^actor_builds_list \(GET .*\): no method of the client calls it/),
      'scripts/spec/parameters.ts: CALLERS names actors_builds_get, which spec/openapi.yaml ' +
        "does not have: remove it or give it the operation's new operationId.",
      "spec/not-exposed.yaml: the entry 'query.desc' matches no parameter the client could " +
        'offer (spec/openapi.yaml lacks it, or the client offers it now): remove the entry.',
    ]);
    expect(fakeFindings(operations)).toEqual([
      "fake-api/parameters.ts: SUPPORT lists 'query.desc', which no operation of " +
        'spec/openapi.yaml has: remove it.',
    ]);
  });

  it('names an entry for a parameter the client offers as stale', async () => {
    const operations = await operationsAfter(() => undefined);
    const entry = { operation: 'actors_builds_get', parameter: 'query.limit', reason: 'x' };
    expect(clientFindings(operations, [...notExposed, entry])).toEqual([
      "spec/not-exposed.yaml: the entry 'actors_builds_get query.limit' matches no parameter the " +
        'client could offer (spec/openapi.yaml lacks it, or the client offers it now): remove ' +
        'the entry.',
    ]);
  });
});

describe('spec/not-exposed.yaml', () => {
  it('gives every entry a reason', () => {
    expect(notExposed.length).toBeGreaterThan(0);
    for (const entry of notExposed) expect(entry.reason.trim().length).toBeGreaterThan(10);
  });

  it.each([
    ['notExposed: {}\n', "expected a 'notExposed' list"],
    ['notExposed:\n  - reason: why\n', "needs an 'operation', a 'parameter' or both"],
    ['notExposed:\n  - parameter: token\n    reason: why\n', "'parameter' must be 'in.name'"],
    ['notExposed:\n  - operation: x\n', "notExposed[0] needs a 'reason'"],
  ])('refuses %j', async (text, message) => {
    const file = path.join(scratch, 'not-exposed.yaml');
    await writeFile(file, text);
    await expect(readNotExposed(file)).rejects.toThrow(message);
  });
});
