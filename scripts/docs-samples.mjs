// The code samples of the API reference: a curl call and this package's TypeScript per operation,
// attached as `x-codeSamples` to a bundled copy of the spec at docs time. The TypeScript samples
// are the files in spec/samples/, type-checked by `npm run check` (see docs-client.mjs).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from './paths.mjs';

export const samplesDir = path.join(root, 'spec', 'samples');

/**
 * Which samples an operation gets, by operationId: the canonical operation first, then the ids
 * its legacy `/v2/acts/` alias has had. An entry applies to every id the spec has.
 * `query` is what the curl sample sends; the TypeScript files make the same call. Samples with
 * the same label are one language in Redoc's switcher, so a reader's choice holds on every page.
 */
export const SAMPLES = [
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

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of a bundled spec: `{ id, method, path, item, operation }`. */
export function operationsOf(spec) {
  return Object.entries(spec.paths ?? {}).flatMap(([route, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      id: item[method].operationId,
      method,
      path: route,
      item,
      operation: item[method],
    })),
  );
}

/** Follows a local `$ref` (`#/components/...`) of the bundled spec. */
function resolve(spec, node) {
  if (!node?.$ref) return node;
  if (!node.$ref.startsWith('#/')) throw new Error(`cannot follow the non-local $ref ${node.$ref}`);
  const target = node.$ref
    .slice(2)
    .split('/')
    .reduce((parent, key) => parent?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  if (target === undefined) throw new Error(`$ref ${node.$ref} points at nothing`);
  return resolve(spec, target);
}

/** The parameters of an operation, its path item's included, as `name -> parameter`. */
function parametersOf(spec, { item, operation }) {
  const all = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    resolve(spec, p),
  );
  return new Map(all.map((p) => [`${p.in}:${p.name}`, p]));
}

/**
 * The curl call of an operation, built from its own path and method: path parameters take the
 * spec's `example`, the query is the sample's. The token comes from the environment and goes
 * only into the Authorization header.
 */
export function curlSample(spec, op, query) {
  const parameters = parametersOf(spec, op);
  const server = (op.operation.servers ?? op.item.servers ?? spec.servers ?? [])[0]?.url;
  if (!server) throw new Error(`${op.id}: the spec names no server for the curl sample`);
  const route = op.path.replace(/\{([^}]+)\}/g, (_, name) => {
    const example = parameters.get(`path:${name}`)?.example;
    if (example === undefined)
      throw new Error(`${op.id}: path parameter ${name} has no example for the curl sample`);
    return encodeURIComponent(String(example)).replaceAll('%7E', '~');
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (!parameters.has(`query:${name}`))
      throw new Error(`${op.id}: the curl sample sends ${name}, which is not a query parameter`);
    search.set(name, String(value));
  }
  const url = `${server.replace(/\/+$/, '')}${route}${search.size > 0 ? `?${search}` : ''}`;
  // Percent-encoding leaves no quote, `$`, backtick or backslash in the URL: double quotes hold.
  const method = op.method === 'get' ? '' : `-X ${op.method.toUpperCase()} `;
  return `curl ${method}"${url}" \\\n  -H "Authorization: Bearer $APIFY_TOKEN"`;
}

/** The languages of Redoc's sample switcher (its `codeSamples.languages`): TypeScript first. */
export function sampleLanguages() {
  const labels = [...new Set(SAMPLES.flatMap((entry) => entry.files.map(({ label }) => label)))];
  return [
    ...labels.map((label) => ({ lang: 'TypeScript', label })),
    { lang: 'curl', label: 'curl' },
  ];
}

/** Reads the TypeScript samples the table names, once each: `file -> source`. */
export async function readSamples(dir = samplesDir) {
  const files = [...new Set(SAMPLES.flatMap((entry) => entry.files.map(({ file }) => file)))];
  const sources = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
  return new Map(files.map((file, i) => [file, sources[i].trimEnd()]));
}

/**
 * Adds `x-codeSamples` to every operation of the bundled spec, in place. Throws when an operation
 * has no entry in SAMPLES, or an entry matches no operation (a renamed operationId).
 */
export function injectSamples(spec, sources) {
  const operations = operationsOf(spec);
  const missing = operations.filter((op) => !SAMPLES.some((e) => e.operationIds.includes(op.id)));
  if (missing.length > 0)
    throw new Error(
      `no code sample for ${missing.map((op) => `${op.id} (${op.method.toUpperCase()} ${op.path})`).join(', ')}: add its operationId to SAMPLES in scripts/docs-samples.mjs`,
    );
  for (const entry of SAMPLES) {
    const matched = operations.filter((op) => entry.operationIds.includes(op.id));
    if (matched.length === 0)
      throw new Error(
        `no operation of the spec has any of the operationIds ${entry.operationIds.join(', ')}: update SAMPLES in scripts/docs-samples.mjs`,
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
