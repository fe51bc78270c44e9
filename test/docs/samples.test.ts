// Which operations get which code samples, and the curl call each one shows: checked on small
// specs with today's operationIds and with the ones the spec has had before.
import { describe, expect, it } from 'vitest';
import * as samples from '../../scripts/docs/samples.js';
import type { Method, OpenApiDocument, Parameter, PathItem } from '../../scripts/lib/openapi.js';

/** The small specs of these tests: their paths and the actorId parameter are always there. */
interface Spec extends OpenApiDocument {
  paths: Record<string, PathItem>;
  components: { parameters: { actorId: Parameter } };
}

const sources = await samples.readSamples();

const actorId: Parameter = {
  name: 'actorId',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  example: 'janedoe~my-actor',
};
const buildId: Parameter = {
  name: 'buildId',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  example: 'B1',
};
const query: Parameter[] = ['offset', 'limit', 'desc'].map((name) => ({
  name,
  in: 'query',
  schema: {},
}));

/** A spec with the list and abort operations under `prefix`, named `listId` and `abortId`. */
function specWith(prefix: string, listId: string, abortId: string): Spec {
  return structuredClone<Spec>({
    openapi: '3.1.0',
    servers: [{ url: 'https://api.example.test/' }],
    components: { parameters: { actorId } },
    paths: {
      [`${prefix}/{actorId}/builds`]: {
        parameters: [{ $ref: '#/components/parameters/actorId' }],
        get: { operationId: listId, parameters: query },
      },
      [`${prefix}/{actorId}/builds/{buildId}/abort`]: {
        parameters: [{ $ref: '#/components/parameters/actorId' }, buildId],
        post: { operationId: abortId },
      },
      // The live abort route has one name under any prefix of the Actor's routes.
      '/v2/actor-builds/{buildId}/abort': {
        parameters: [buildId],
        post: { operationId: 'actorBuild_abort_post' },
      },
    },
  });
}

const codeSamples = (spec: OpenApiDocument, route: string, method: Method) =>
  spec.paths?.[route]?.[method]?.['x-codeSamples'] ?? [];

describe('injectSamples', () => {
  it.each([
    ['/v2/actors', 'actors_builds_get', 'actors_build_abort_post'],
    ['/v2/acts', 'acts_builds_get', 'acts_build_abort_post'],
    ['/v2/acts', 'act_builds_get', 'act_build_abort_post'],
  ])('gives %s operations (%s, %s) curl and TypeScript samples', (prefix, listId, abortId) => {
    const spec = samples.injectSamples(specWith(prefix, listId, abortId), sources);
    const list = codeSamples(spec, `${prefix}/{actorId}/builds`, 'get');
    expect(list.map((s) => [s.lang, s.label])).toEqual([
      ['curl', 'curl'],
      ['TypeScript', 'TypeScript'],
      ['TypeScript', 'TypeScript: iterateBuilds'],
    ]);
    expect(list[0]?.source).toBe(
      `curl "https://api.example.test${prefix}/janedoe~my-actor/builds?limit=10&desc=true" \\\n` +
        '  -H "Authorization: Bearer $APIFY_TOKEN"',
    );
    expect(list[1]?.source).toBe(sources.get('list-builds.ts'));
    expect(list[2]?.source).toContain('.iterateBuilds(');

    const abort = codeSamples(spec, `${prefix}/{actorId}/builds/{buildId}/abort`, 'post');
    expect(abort.map((s) => s.label)).toEqual(['curl', 'TypeScript']);
    expect(abort[0]?.source).toBe(
      `curl -X POST "https://api.example.test${prefix}/janedoe~my-actor/builds/B1/abort" \\\n` +
        '  -H "Authorization: Bearer $APIFY_TOKEN"',
    );
    expect(abort[1]?.source).toBe(sources.get('abort-build-of-actor.ts'));

    const live = codeSamples(spec, '/v2/actor-builds/{buildId}/abort', 'post');
    expect(live.map((s) => s.label)).toEqual(['curl', 'TypeScript']);
    expect(live[0]?.source).toBe(
      'curl -X POST "https://api.example.test/v2/actor-builds/B1/abort" \\\n' +
        '  -H "Authorization: Bearer $APIFY_TOKEN"',
    );
    expect(live[1]?.source).toBe(sources.get('abort-build.ts'));
    expect(live[1]?.source).toContain(".abortBuild('3KH8gEpp4d8uQSe8T')");
  });

  it('samples every operation of a spec with both the canonical routes and their aliases', () => {
    const spec = specWith('/v2/actors', 'actors_builds_get', 'actors_build_abort_post');
    Object.assign(
      spec.paths,
      specWith('/v2/acts', 'acts_builds_get', 'acts_build_abort_post').paths,
    );
    samples.injectSamples(spec, sources);
    for (const [route, item] of Object.entries(spec.paths))
      for (const method of (['get', 'post'] as const).filter((m) => item[m]))
        expect(codeSamples(spec, route, method)[0]?.source, route).toContain(route.split('/')[2]);
  });

  it('fails loudly on an operation that has no sample', () => {
    const spec = specWith('/v2/actors', 'actors_builds_get', 'actors_build_abort_post');
    spec.paths['/v2/actor-builds/{buildId}'] = {
      get: { operationId: 'actorBuild_get' },
    };
    expect(() => samples.injectSamples(spec, sources)).toThrow(
      'no code sample for actorBuild_get (GET /v2/actor-builds/{buildId}): add its operationId to SAMPLES in scripts/docs/samples.ts',
    );
  });

  it('fails loudly when no operation matches a sample (a renamed operationId)', () => {
    const spec = specWith('/v2/actors', 'actors_builds_get', 'actors_build_abort_post');
    delete spec.paths['/v2/actors/{actorId}/builds/{buildId}/abort'];
    expect(() => samples.injectSamples(spec, sources)).toThrow(
      /no operation of the spec has any of the operationIds actors_build_abort_post/,
    );
  });

  it('fails loudly on a path parameter without an example or a sample query the operation lacks', () => {
    const noExample = specWith('/v2/actors', 'actors_builds_get', 'actors_build_abort_post');
    delete noExample.components.parameters.actorId.example;
    expect(() => samples.injectSamples(noExample, sources)).toThrow(
      'actors_builds_get: path parameter actorId has no example for the curl sample',
    );
    const noLimit = specWith('/v2/actors', 'actors_builds_get', 'actors_build_abort_post');
    noLimit.paths['/v2/actors/{actorId}/builds']!.get!.parameters = [];
    expect(() => samples.injectSamples(noLimit, sources)).toThrow(
      'actors_builds_get: the curl sample sends limit, which is not a query parameter',
    );
  });

  it('offers Redoc exactly the labels the samples use, curl last', () => {
    expect(samples.sampleLanguages()).toEqual([
      { lang: 'TypeScript', label: 'TypeScript' },
      { lang: 'TypeScript', label: 'TypeScript: iterateBuilds' },
      { lang: 'curl', label: 'curl' },
    ]);
  });
});

describe('the TypeScript samples', () => {
  it('use only the public API names, and never put a token in the code', () => {
    expect([...sources.keys()].sort()).toEqual([
      'abort-build-of-actor.ts',
      'abort-build.ts',
      'iterate-builds.ts',
      'list-builds.ts',
    ]);
    for (const [file, source] of sources) {
      expect(source, file).toContain("from 'apify-builds-client'");
      expect(source, file).toContain('createBuildsClient(');
      expect(source, file).not.toMatch(/apify_api_[A-Za-z0-9]/);
    }
  });
});
