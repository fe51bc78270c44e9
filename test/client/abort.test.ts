// abortBuild's two forms against a real server: the one-argument form calls the live
// /v2/actor-builds/ route, the deprecated two-id form the Actor's route; both answer alike.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ApifyApiError, type Build } from '../../src/index.js';
import {
  ABORT_PATH,
  ACTOR,
  BUILD,
  TOKEN,
  clientOf,
  errorBody,
  expectNoAbortListeners,
  rejectionOf,
  useLoopback,
} from '../helpers/api.js';
import { sendJson } from '../helpers/loopback.js';
import { root } from '../helpers/project.js';

const BUILD_ABORT_PATH = `/v2/actor-builds/${BUILD}/abort`;

const server = useLoopback();

/** The fake API's builds (finished ones, then a running and a ready one): one of each kind. */
function serveBuilds(): { running: string; finished: string } {
  server().serveApi();
  const builds = server().api.builds();
  const running = builds.find((b) => b.status === 'RUNNING')!.id;
  const finished = builds.find((b) => b.status === 'SUCCEEDED')!.id;
  return { running, finished };
}

/** Answers every request with the build `status`, as the abort routes do. */
function answerBuild(status = 'ABORTING'): void {
  server().handle((_req, res) =>
    sendJson(res, 200, {
      data: { id: BUILD, actId: 'actor-id', status, startedAt: '2026-01-01T00:00:00.000Z' },
    }),
  );
}

describe('abortBuild(buildId)', () => {
  it('sends one POST to /v2/actor-builds/{buildId}/abort and resolves to the build', async () => {
    answerBuild();
    const build = await clientOf(server()).abortBuild(BUILD);
    expect(build).toEqual({
      id: BUILD,
      actId: 'actor-id',
      status: 'ABORTING',
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(server().requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${BUILD_ABORT_PATH}`,
    ]);
    expect(server().requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('aborts a running build of the fake API, and leaves a finished one as it was', async () => {
    const { running, finished } = serveBuilds();
    const client = clientOf(server());
    const before = server()
      .api.builds()
      .find((b) => b.id === finished)!;
    const aborted = await client.abortBuild(running);
    expect(aborted).toMatchObject({ id: running, status: 'ABORTING' });
    expect(await client.abortBuild(finished)).toEqual(before);
  });

  it('answers an unknown build with ApifyApiError 404 naming the route called', async () => {
    server().serveApi();
    const error = await rejectionOf(clientOf(server()).abortBuild('no-such-build'));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect(error).toMatchObject({
      status: 404,
      method: 'POST',
      path: '/v2/actor-builds/no-such-build/abort',
      attempts: 1,
      type: 'record-not-found',
    });
  });

  it('is retried on 503 like every call, and the error path names the route', async () => {
    server().handle((_req, res, count) => {
      if (count <= 2) sendJson(res, 503, errorBody('server-error', `failure ${count}`));
      else sendJson(res, 200, { data: { id: BUILD, status: 'ABORTING' } });
    });
    const build = await clientOf(server(), { maxRetries: 2 }).abortBuild(BUILD);
    expect(build.status).toBe('ABORTING');
    expect(server().requests.map((r) => r.url)).toEqual(Array(3).fill(BUILD_ABORT_PATH));

    server().handle((_req, res) => sendJson(res, 503, errorBody('server-error', 'down')));
    const error = await rejectionOf(clientOf(server(), { maxRetries: 1 }).abortBuild(BUILD));
    expect(error).toMatchObject({ status: 503, attempts: 2, path: BUILD_ABORT_PATH });
  });

  it('rejects with the caller signal reason and leaves no listener on it', async () => {
    server().handle(() => {}); // never answers
    const controller = new AbortController();
    const call = clientOf(server()).abortBuild(BUILD, { signal: controller.signal });
    await server().received(1);
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await rejectionOf(call)).toBe(reason);
    expectNoAbortListeners(controller.signal);
  });
});

describe('abortBuild(actorId, buildId), deprecated', () => {
  it('sends one POST to the Actor route and resolves to the same build', async () => {
    answerBuild();
    const client = clientOf(server());
    const viaActor = await client.abortBuild(ACTOR, BUILD);
    const viaBuild = await client.abortBuild(BUILD);
    expect(viaActor).toEqual(viaBuild);
    expect(server().requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${ABORT_PATH}`,
      `POST ${BUILD_ABORT_PATH}`,
    ]);
  });

  it('gives the same build as the one-argument form on the fake API', async () => {
    const { finished } = serveBuilds();
    const client = clientOf(server());
    const viaActor = await client.abortBuild(server().api.actor.name, finished);
    const viaBuild = await client.abortBuild(finished);
    expect(viaActor).toEqual(viaBuild);
    expect(viaActor.id).toBe(finished);
  });

  it('names the Actor route in its errors', async () => {
    server().handle((_req, res) => sendJson(res, 404, errorBody('record-not-found', 'nope')));
    const error = await rejectionOf(clientOf(server()).abortBuild(ACTOR, BUILD));
    expect(error).toMatchObject({ status: 404, path: ABORT_PATH });
    expect((error as Error).message).toBe(`404 record-not-found: nope (POST ${ABORT_PATH})`);
  });
});

describe('which form a call is', () => {
  const calls: [string, (c: ReturnType<typeof clientOf>) => Promise<Build>, string][] = [
    ['(buildId)', (c) => c.abortBuild(BUILD), BUILD_ABORT_PATH],
    ['(buildId, undefined)', (c) => c.abortBuild(BUILD, undefined), BUILD_ABORT_PATH],
    ['(buildId, {})', (c) => c.abortBuild(BUILD, {}), BUILD_ABORT_PATH],
    [
      '(buildId, { signal })',
      (c) => c.abortBuild(BUILD, { signal: new AbortController().signal }),
      BUILD_ABORT_PATH,
    ],
    ['(actorId, buildId)', (c) => c.abortBuild(ACTOR, BUILD), ABORT_PATH],
    ['(actorId, buildId, {})', (c) => c.abortBuild(ACTOR, BUILD, {}), ABORT_PATH],
    ['(actorId, buildId, undefined)', (c) => c.abortBuild(ACTOR, BUILD, undefined), ABORT_PATH],
  ];
  it.each(calls)('%s goes to its route, once', async (_name, call, route) => {
    answerBuild();
    await call(clientOf(server()));
    expect(server().requests.map((r) => r.url)).toEqual([route]);
  });

  it('reports a missing buildId when a third argument says the two-id form was meant', async () => {
    const client = clientOf(server());
    const error = await rejectionOf(
      client.abortBuild(ACTOR, undefined as unknown as string, { signal: undefined }),
    );
    expect(error).toEqual(new TypeError('buildId must be a non-empty string, got undefined'));
    expect(server().requests).toHaveLength(0);
  });
});

describe('bad input, before any request', () => {
  const cases: [string, (c: ReturnType<typeof clientOf>) => Promise<Build>, Error][] = [
    [
      'an empty buildId',
      (c) => c.abortBuild(''),
      new TypeError('buildId must be a non-empty string, got ""'),
    ],
    [
      'buildId ".."',
      (c) => c.abortBuild('..'),
      new TypeError('buildId must not be "." or "..", got ".."'),
    ],
    [
      'a buildId with a slash',
      (c) => c.abortBuild('a/b'),
      new TypeError('buildId must not contain "/", "?" or "#", got "a/b"'),
    ],
    [
      'a buildId that is not a string',
      (c) => c.abortBuild(42 as unknown as string),
      new TypeError('buildId must be a non-empty string, got 42'),
    ],
    [
      'an unknown option of the one-argument form',
      (c) => c.abortBuild(BUILD, { sigal: undefined } as never),
      new TypeError('unknown option "sigal" in options (accepted: signal); did you mean "signal"?'),
    ],
    [
      'options that are not an object',
      (c) => c.abortBuild(BUILD, 5 as never),
      new TypeError('options must be an object, got 5'),
    ],
    [
      'a signal that is not an AbortSignal',
      (c) => c.abortBuild(BUILD, { signal: 'stop' as never }),
      new TypeError('signal must be an AbortSignal, got "stop"'),
    ],
    [
      'an empty actorId of the two-id form',
      (c) => c.abortBuild('', BUILD),
      new TypeError('actorId must be a non-empty string, got ""'),
    ],
    [
      'an empty buildId of the two-id form',
      (c) => c.abortBuild(ACTOR, ''),
      new TypeError('buildId must be a non-empty string, got ""'),
    ],
    [
      'an unknown option of the two-id form',
      (c) => c.abortBuild(ACTOR, BUILD, { timeoutMs: 5 } as never),
      new TypeError(
        'unknown option "timeoutMs" in options (accepted: signal); did you mean "signal"?',
      ),
    ],
  ];
  it.each(cases)('rejects %s', async (_name, call, expected) => {
    const error = await rejectionOf(call(clientOf(server())));
    expect(error).toEqual(expected);
    expect(error).toBeInstanceOf(expected.constructor);
    expect(server().requests).toHaveLength(0);
  });
});

describe('the overloads as editors see them', () => {
  /** The JSDoc tag names of each abortBuild signature of BuildsClient, by parameter count. */
  function abortSignatures(): { parameters: string[]; tags: string[] }[] {
    const file = path.join(root, 'src', 'index.ts');
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file)!;
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
    const client = exported.find((symbol) => symbol.name === 'BuildsClient')!;
    const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(client));
    const method = checker.getPropertyOfType(type, 'abortBuild')!;
    return checker
      .getTypeOfSymbol(method)
      .getCallSignatures()
      .map((signature) => ({
        parameters: signature.getParameters().map((p) => p.name),
        tags: signature.getJsDocTags().map((tag) => tag.name),
      }));
  }

  it('strikes through only the two-id form', () => {
    const signatures = abortSignatures();
    expect(signatures.map((s) => s.parameters)).toEqual([
      ['buildId', 'options'],
      ['actorId', 'buildId', 'options'],
    ]);
    expect(signatures[0]!.tags).not.toContain('deprecated');
    expect(signatures[0]!.tags).toContain('example');
    expect(signatures[1]!.tags).toContain('deprecated');
  });
});
