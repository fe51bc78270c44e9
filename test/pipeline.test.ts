// The generate/check pipeline, run as users run it, on a throw-away copy of the project.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaFile = path.join('generated', 'schema.d.ts');
let work: string;

function run(script: 'generate' | 'check'): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(work, 'scripts', `${script}.mjs`)],
      { cwd: work, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

async function editSpec(edit: (spec: string) => string): Promise<void> {
  const file = path.join(work, 'spec', 'openapi.yaml');
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
}

const readSchema = () => readFile(path.join(work, schemaFile), 'utf8');

// A new optional query parameter on the list operation.
const addStatusParameter = (spec: string) =>
  spec.replace(
    "      responses:\n        '200':\n          $ref: '#/components/responses/BuildsList'",
    [
      '        - name: status',
      '          in: query',
      '          required: false',
      '          description: Only builds with this status.',
      '          schema:',
      "            $ref: '#/components/schemas/ActorJobStatus'",
      "      responses:\n        '200':\n          $ref: '#/components/responses/BuildsList'",
    ].join('\n'),
  );

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'builds-pipeline-'));
  for (const entry of [
    'spec',
    'scripts',
    'generated',
    'src', // the check's TypeDoc run documents src/index.ts and compiles spec/samples/ with it
    'redocly.yaml',
    'tsconfig.json',
    'typedoc.json',
    '.prettierrc.json',
    'package.json',
  ]) {
    await cp(path.join(root, entry), path.join(work, entry), { recursive: true });
  }
  await symlink(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('npm run check / generate', () => {
  it('passes on the committed project', async () => {
    const result = await run('check');
    expect(result.output).toContain('generated/ up to date');
    expect(result.code).toBe(0);
  }, 60_000);

  it('fails while generated/ is stale, and generate brings it back in sync', async () => {
    await editSpec(addStatusParameter);
    const stale = await run('check');
    expect(stale.code).toBe(1);
    expect(stale.output).toMatch(/generated\/schema\.d\.ts is stale/);

    const generated = await run('generate');
    expect(generated.code).toBe(0);
    const schema = await readSchema();
    expect(schema).toMatch(/status\?: components\['schemas'\]\['ActorJobStatus'\]/);

    const fresh = await run('check');
    expect(fresh.output).toContain('generated/ up to date');
    expect(fresh.code).toBe(0);
  }, 60_000);

  it('is deterministic: a second generate changes nothing', async () => {
    const before = await readSchema();
    const result = await run('generate');
    expect(result.code).toBe(0);
    expect(result.output).toContain('up to date');
    expect(await readSchema()).toBe(before);
  }, 60_000);

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
    expect(generated.code).toBe(1);
    expect(generated.output).toMatch(/lint problems; generated\/ left unchanged/);
    expect(generated.output).toMatch(/no-invalid-parameter-examples|must be >= 0/);
    expect(await readSchema()).toBe(before);

    const checked = await run('check');
    expect(checked.code).toBe(1);
    expect(checked.output).toMatch(/spec lint failed/);
  }, 60_000);

  it('treats a lint warning as a failure', async () => {
    // An operation without a summary is only a warning in some rule sets; here it must fail.
    await editSpec((spec) => spec.replace('      summary: Abort build\n', ''));
    const checked = await run('check');
    expect(checked.code).toBe(1);
    expect(checked.output).toMatch(/operation-summary/);
  }, 60_000);

  it('fails on a type error', async () => {
    await writeFile(
      path.join(work, 'src', 'wrong.ts'),
      "import type { components } from '../generated/schema.js';\nexport const status: components['schemas']['ActorJobStatus'] = 'FINISHED';\n",
    );
    const checked = await run('check');
    expect(checked.code).toBe(1);
    expect(checked.output).toMatch(/type check failed/);
    expect(checked.output).toMatch(/"FINISHED"/);
  }, 60_000);
});
