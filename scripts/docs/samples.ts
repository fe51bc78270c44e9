// The code samples of the API reference: a curl call and this package's TypeScript per operation,
// attached as `x-codeSamples` to a bundled copy of the spec at docs time. The TypeScript samples
// are the files in spec/samples/, type-checked by `npm run check` (see client.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  operationsOf,
  parametersOf,
  type OpenApiDocument,
  type OperationEntry,
} from '../lib/openapi.js';
import { root } from '../lib/paths.js';

export const samplesDir = path.join(root, 'spec', 'samples');

interface SampleEntry {
  operationIds: string[];
  query: Record<string, string | number | boolean>;
  files: { file: string; label: string }[];
}

/**
 * Which samples an operation gets, by operationId: the canonical operation first, then the ids
 * its legacy `/v2/acts/` alias has had. An entry applies to every id the spec has.
 * `query` is what the curl sample sends; the TypeScript files make the same call. Samples with
 * the same label are one language in Redoc's switcher, so a reader's choice holds on every page.
 */
export const SAMPLES: SampleEntry[] = [
  {
    operationIds: ['actors_builds_get', 'acts_builds_get', 'act_builds_get'],
    query: { limit: 10, desc: true },
    files: [
      { file: 'list-builds.ts', label: 'TypeScript' },
      { file: 'iterate-builds.ts', label: 'TypeScript: iterateBuilds' },
    ],
  },
  {
    operationIds: ['actorBuild_abort_post'],
    query: {},
    files: [{ file: 'abort-build.ts', label: 'TypeScript' }],
  },
  {
    operationIds: ['actors_build_abort_post', 'acts_build_abort_post', 'act_build_abort_post'],
    query: {},
    files: [{ file: 'abort-build-of-actor.ts', label: 'TypeScript' }],
  },
];

const idOf = (op: OperationEntry) => op.id ?? `${op.method.toUpperCase()} ${op.path}`;

/**
 * The curl call of an operation, built from its own path and method: path parameters take the
 * spec's `example`, the query is the sample's. The token comes from the environment and goes
 * only into the Authorization header.
 */
export function curlSample(
  spec: OpenApiDocument,
  op: OperationEntry,
  query: SampleEntry['query'],
): string {
  const parameters = parametersOf(spec, op);
  const server = (op.operation.servers ?? op.item.servers ?? spec.servers ?? [])[0]?.url;
  if (!server) throw new Error(`${idOf(op)}: the spec names no server for the curl sample`);
  const route = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const example = parameters.get(`path:${name}`)?.example;
    if (typeof example !== 'string' && typeof example !== 'number')
      throw new Error(`${idOf(op)}: path parameter ${name} has no example for the curl sample`);
    return encodeURIComponent(String(example)).replaceAll('%7E', '~');
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (!parameters.has(`query:${name}`))
      throw new Error(`${idOf(op)}: the curl sample sends ${name}, which is not a query parameter`);
    search.set(name, String(value));
  }
  const url = `${server.replace(/\/+$/, '')}${route}${search.size > 0 ? `?${search.toString()}` : ''}`;
  // Percent-encoding leaves no quote, `$`, backtick or backslash in the URL: double quotes hold.
  const method = op.method === 'get' ? '' : `-X ${op.method.toUpperCase()} `;
  return `curl ${method}"${url}" \\\n  -H "Authorization: Bearer $APIFY_TOKEN"`;
}

/** The languages of Redoc's sample switcher (its `codeSamples.languages`): TypeScript first. */
export function sampleLanguages(): { lang: string; label: string }[] {
  const labels = [...new Set(SAMPLES.flatMap((entry) => entry.files.map(({ label }) => label)))];
  return [
    ...labels.map((label) => ({ lang: 'TypeScript', label })),
    { lang: 'curl', label: 'curl' },
  ];
}

/** Reads the TypeScript samples the table names, once each: `file -> source`. */
export async function readSamples(dir = samplesDir): Promise<Map<string, string>> {
  const files = [...new Set(SAMPLES.flatMap((entry) => entry.files.map(({ file }) => file)))];
  return new Map(
    await Promise.all(
      files.map(
        async (file) => [file, (await readFile(path.join(dir, file), 'utf8')).trimEnd()] as const,
      ),
    ),
  );
}

/**
 * Adds `x-codeSamples` to every operation of the bundled spec, in place. Throws when an operation
 * has no entry in SAMPLES, or an entry matches no operation (a renamed operationId).
 */
export function injectSamples(
  spec: OpenApiDocument,
  sources: Map<string, string>,
): OpenApiDocument {
  const operations = operationsOf(spec);
  const known = (op: OperationEntry, entry: SampleEntry) =>
    op.id !== undefined && entry.operationIds.includes(op.id);
  const missing = operations.filter((op) => !SAMPLES.some((entry) => known(op, entry)));
  if (missing.length > 0)
    throw new Error(
      `no code sample for ${missing.map((op) => `${idOf(op)} (${op.method.toUpperCase()} ${op.path})`).join(', ')}: add its operationId to SAMPLES in scripts/docs/samples.ts`,
    );
  for (const entry of SAMPLES) {
    const matched = operations.filter((op) => known(op, entry));
    if (matched.length === 0)
      throw new Error(
        `no operation of the spec has any of the operationIds ${entry.operationIds.join(', ')}: update SAMPLES in scripts/docs/samples.ts`,
      );
    for (const op of matched) {
      op.operation['x-codeSamples'] = [
        { lang: 'curl', label: 'curl', source: curlSample(spec, op, entry.query) },
        ...entry.files.map(({ file, label }) => {
          const source = sources.get(file);
          if (source === undefined) throw new Error(`spec/samples/${file} was not read`);
          return { lang: 'TypeScript', label, source };
        }),
      ];
    }
  }
  return spec;
}
