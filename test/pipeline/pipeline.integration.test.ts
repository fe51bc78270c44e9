// The generate/check pipeline, run as users run it, on a throw-away copy of the project.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../helpers/project.js';

const schemaFile = path.join('generated', 'schema.d.ts');
let project: ProjectCopy;
let work: string;

interface Run {
  code: number;
  output: string;
}

const run = (script: 'generate' | 'check', ...args: string[]): Promise<Run> =>
  project.run(script, args);
/** One part of `npm run check` (`-- --only <part>`): the failure tests need no other. */
const checkOnly = (part: string) => run('check', '--only', part);

/** Asserts the exit code, with the command's output as the failure message. */
function expectCode(result: Run, code: number, what: string): void {
  expect(
    result.code,
    `${what} exited ${result.code}, expected ${code}; it printed:\n${result.output}`,
  ).toBe(code);
}

async function editFile(name: string, edit: (text: string) => string): Promise<void> {
  const file = path.join(work, name);
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${name} changed nothing`).not.toBe(before);
  await writeFile(file, after);
}

const editSpec = (edit: (spec: string) => string) =>
  editFile(path.join('spec', 'openapi.yaml'), edit);
const readSchema = () => readFile(path.join(work, schemaFile), 'utf8');

// A name no real query parameter of the API will ever have, so that a user's own new parameter
// (e.g. `status`) never collides with the one this test adds.
const PROBE = 'zzPipelineTestProbe';
const addProbeParameter = (spec: string) =>
  spec.replace(
    "      responses:\n        '200':\n          $ref: '#/components/responses/BuildsList'",
    [
      `        - name: ${PROBE}`,
      '          in: query',
      '          required: false',
      '          description: A parameter the pipeline test adds and removes.',
      '          schema:',
      "            $ref: '#/components/schemas/ActorJobStatus'",
      "      responses:\n        '200':\n          $ref: '#/components/responses/BuildsList'",
    ].join('\n'),
  );

beforeEach(async () => {
  project = await copyProject('builds-pipeline-');
  work = project.dir;
});

afterEach(async () => {
  await project.remove();
});

describe('npm run check / generate', () => {
  it('passes on the committed project', async () => {
    const result = await run('check');
    expectCode(result, 0, 'check');
    expect(result.output).toContain(
      'check: spec, upstream, parameters, format, types, lint, docs, size, api: OK',
    );
    expect(result.output).toMatch(
      /^check: size: browser bundle \(minified \+ gzip, openapi-fetch included\): [\d,]+ B .*budget [\d,]+ B$/m,
    );
  });

  it('fails while generated/ is stale, and generate brings it back in sync', async () => {
    await editSpec(addProbeParameter);
    const stale = await checkOnly('spec');
    expectCode(stale, 1, 'check after a spec edit');
    expect(stale.output).toMatch(/generated\/schema\.d\.ts is stale/);

    const generated = await run('generate');
    expectCode(generated, 0, 'generate');
    expect(generated.output).toMatch(/^generate: wrote generated\/schema\.d\.ts \(\d+ ms\)$/m);
    const schema = await readSchema();
    expect(schema, 'the new parameter in generated/').toMatch(
      new RegExp(`${PROBE}\\?: components\\['schemas'\\]\\['ActorJobStatus'\\]`),
    );

    const fresh = await checkOnly('spec');
    expectCode(fresh, 0, 'check after generate');
  });

  it('names, in turn, the differences entry, the client option and the fake for a new parameter', async () => {
    await editSpec(addProbeParameter);
    expectCode(await run('generate'), 0, 'generate');
    const checked = await checkOnly('upstream,parameters');
    expectCode(checked, 1, 'check after a new parameter');
    const failures = checked.output.split(/^check: /m).slice(1);
    expect(failures).toHaveLength(3);
    const [upstream = '', client = '', fake = ''] = failures;
    expect(upstream).toMatch(/beyond spec\/upstream-differences\.yaml/);
    expect(upstream).toContain(
      `| NEW | parameter GET /v2/actors/{actorId}/builds query.${PROBE} | declared | — |`,
    );
    expect(upstream).not.toContain('| listed |');
    expect(client).toMatch(
      new RegExp(`^actors_builds_get .*: query parameter '${PROBE}' is not offered by listBuilds`),
    );
    expect(client).toContain(`LIST_OPTIONS and '${PROBE}' in WALK_OPTIONS in src/options.ts`);
    expect(client).toContain(`list 'query.${PROBE}' in spec/not-exposed.yaml`);
    expect(fake).toMatch(
      new RegExp(`^fake-api/: query parameter '${PROBE}' \\(actors_builds_get\\)`),
    );
    expect(fake).toContain('SUPPORT in fake-api/parameters.ts');
  });

  it('is deterministic: a second generate changes nothing', async () => {
    const before = await readSchema();
    const result = await run('generate');
    expectCode(result, 0, 'generate');
    expect(result.output).toContain('up to date');
    expect(await readSchema()).toBe(before);
  });

  it('refuses an invalid spec and leaves generated/ as it was', async () => {
    const before = await readSchema();
    // An example that breaks its schema's minimum, plus a dangling $ref.
    await editSpec((spec) =>
      spec
        .replace('          example: 0\n', '          example: -1\n')
        .replace(
          "$ref: '#/components/schemas/BuildResponse'",
          "$ref: '#/components/schemas/Missing'",
        ),
    );
    const generated = await run('generate');
    expectCode(generated, 1, 'generate of an invalid spec');
    expect(generated.output).toMatch(/lint problems; generated\/schema\.d\.ts left unchanged/);
    expect(generated.output).toMatch(/no-invalid-parameter-examples|must be >= 0/);
    expect(generated.output).toMatch(/no-unresolved|Can't resolve \$ref/);
    // Zero problems is the rule: never the advice to hide them in an ignore file.
    expect(generated.output).not.toMatch(/ignore-file|ignore file/);
    expect(await readSchema()).toBe(before);

    const checked = await checkOnly('spec');
    expectCode(checked, 1, 'check of an invalid spec');
    expect(checked.output).toMatch(/spec lint failed/);
    expect(checked.output).not.toMatch(/ignore-file|ignore file/);
  });

  it('reports a YAML syntax error as one, with file, line and column', async () => {
    await editSpec((spec) =>
      spec.replace(
        '    ErrorResponse:\n      type: object',
        '    ErrorResponse:\n      type: [object\n',
      ),
    );
    const generated = await run('generate');
    expectCode(generated, 1, 'generate of a spec that is not YAML');
    expect(generated.output).toMatch(/^spec\/openapi\.yaml:\d+:\d+: YAML syntax error: \S/m);
    expect(generated.output).not.toMatch(/Failed to parse API description/);
    const checked = await checkOnly('spec');
    expectCode(checked, 1, 'check of a spec that is not YAML');
    expect(checked.output).toMatch(/spec\/openapi\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('treats a lint warning as a failure', async () => {
    // An operation without a summary is only a warning in some rule sets; here it must fail.
    await editSpec((spec) => spec.replace('      summary: Abort build\n', ''));
    const checked = await checkOnly('spec');
    expectCode(checked, 1, 'check of a spec without a summary');
    expect(checked.output).toMatch(/operation-summary/);
  });

  it('treats a configuration warning (a misspelled rule) as a failure', async () => {
    await editFile('redocly.yaml', (config) =>
      config.replace('  operation-summary: error', '  operation-sumary: error'),
    );
    const checked = await checkOnly('spec');
    expectCode(checked, 1, 'check with a misspelled rule in redocly.yaml');
    expect(checked.output).toMatch(/operation-sumary/);
  });

  it('fails on a file Prettier would format differently, naming it', async () => {
    await writeFile(path.join(work, 'src', 'messy.ts'), 'export const answer   =   {a:1};\n');
    const checked = await checkOnly('format');
    expectCode(checked, 1, 'check with an unformatted file');
    expect(checked.output).toMatch(
      /not formatted: src\/messy\.ts; run `npx prettier --write src\/messy\.ts`/,
    );
  });

  it('fails on a type error', async () => {
    await writeFile(
      path.join(work, 'src', 'wrong.ts'),
      "import type { components } from '../generated/schema.js';\nexport const status: components['schemas']['ActorJobStatus'] = 'FINISHED';\n",
    );
    const checked = await checkOnly('types');
    expectCode(checked, 1, 'check with a type error');
    expect(checked.output).toMatch(/type check failed/);
    expect(checked.output).toMatch(/"FINISHED"/);
    // Not a terminal: plain text, no colours.
    expect(checked.output).not.toContain('\u001b[');
  });

  it('fails on an ESLint finding, with no warning allowed', async () => {
    await writeFile(
      path.join(work, 'src', 'floating.ts'),
      'export function start(): void {\n  Promise.resolve(1);\n}\n',
    );
    const checked = await checkOnly('lint');
    expectCode(checked, 1, 'check with a floating promise');
    expect(checked.output).toMatch(/eslint failed/);
    expect(checked.output).toMatch(/src\/floating\.ts[\s\S]*no-floating-promises/);
  });

  it('names an unknown part', async () => {
    const checked = await checkOnly('spelling');
    expectCode(checked, 2, 'check --only spelling');
    expect(checked.output).toContain(
      'check: no part spelling; the parts are spec, upstream, parameters, format, types, lint, docs, size, api',
    );
  });

  it('fails above the size budget, saying by how much', async () => {
    await editFile('package.json', (text) =>
      text.replace(/"browserBundleGzipBytes": \d+/, '"browserBundleGzipBytes": 1024'),
    );
    const checked = await checkOnly('size');
    expectCode(checked, 1, 'check with a 1 KiB budget');
    expect(checked.output).toMatch(
      /size budget exceeded: .*budget 1,024 B — [\d,]+ B over; shrink it or raise the budget/,
    );
  });

  it('fails when the exports no longer match the API report', async () => {
    await editFile(path.join('api-report', 'apify-builds-client.api.md'), (text) =>
      text.replace(/^export function isTerminalStatus\(.*\n/m, ''),
    );
    const checked = await checkOnly('api');
    expectCode(checked, 1, 'check with a stale API report');
    expect(checked.output).toMatch(/API report check failed/);
    expect(checked.output).toMatch(/^api-report: \+ export function isTerminalStatus\(/m);
  });
});
