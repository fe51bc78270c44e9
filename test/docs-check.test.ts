// What makes `npm run check` and `npm run docs` fail on the docs side: a code sample that does not
// type-check, an export without a doc comment, a broken {@link}, a spec with a lint problem.
// The check function runs on fixtures beside the project; the scripts run in a copy of it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../scripts/lib/paths.js';

interface CheckModule {
  checkDocs(overrides?: Record<string, unknown>): Promise<{ ok: boolean; output: string }>;
}
// A plain-JavaScript build script: loaded by URL so the type checker does not look for its types.
const { checkDocs } = (await import(
  new URL('../scripts/docs-check.mjs', import.meta.url).href
)) as CheckModule;

let fixtures: string;

/**
 * A TypeDoc run over `files` (written into a fixture folder inside the project, so they see its
 * node_modules and its "type": "module"), with the project's typedoc.json and the samples'
 * compiler options; `entry` replaces src/index.ts as the documented entry point.
 */
async function checkFixture(files: Record<string, string>, entry?: string) {
  const dir = await mkdtemp(path.join(fixtures, 'case-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const rel = (file: string) => path.relative(dir, path.join(root, file));
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: rel('spec/samples/tsconfig.json'), include: ['./*.ts'] }),
  );
  await writeFile(
    path.join(dir, 'typedoc.json'),
    JSON.stringify({
      extends: [rel('typedoc.json')],
      tsconfig: './tsconfig.json',
      ...(entry ? { entryPoints: [`./${entry}`], intentionallyNotDocumented: [] } : {}),
    }),
  );
  return checkDocs({ options: path.join(dir, 'typedoc.json') });
}

const sample = (call: string) =>
  `import { createBuildsClient } from 'apify-builds-client';\n\nawait createBuildsClient().${call};\n`;

beforeAll(async () => {
  await mkdir(path.join(root, '.scratch'), { recursive: true });
  fixtures = await mkdtemp(path.join(root, '.scratch', 'docs-check-'));
});

afterAll(async () => {
  await rm(fixtures, { recursive: true, force: true });
});

describe('checkDocs', () => {
  it('fails on a code sample that does not type-check, naming the file and the error', async () => {
    const broken = await checkFixture({ 'broken-sample.ts': sample('listBuilds(123)') });
    expect(broken.ok).toBe(false);
    expect(broken.output).toMatch(
      /broken-sample\.ts:3:\d+ - error TS2345: Argument of type 'number'/,
    );
    const fixed = await checkFixture({
      'fixed-sample.ts': sample("listBuilds('janedoe~my-actor')"),
    });
    expect(fixed).toEqual({ ok: true, output: '' });
  }, 120_000);

  it('fails on an export without a doc comment, naming it', async () => {
    const entry = [
      '/** Has its comment. */',
      'export function documented(): number {',
      '  return 1;',
      '}',
      '',
      'export function undocumented(): number {',
      '  return 2;',
      '}',
      '',
    ].join('\n');
    const result = await checkFixture({ 'entry.ts': entry }, 'entry.ts');
    expect(result.ok).toBe(false);
    expect(result.output.split('\n')).toEqual([
      expect.stringMatching(
        /^\[warning\] undocumented \(CallSignature\), defined in .*entry\.ts, does not have any documentation$/,
      ),
    ]);
    const documented = entry.replace(
      'export function undocumented',
      '/** Has one too. */\nexport function undocumented',
    );
    expect(await checkFixture({ 'entry.ts': documented }, 'entry.ts')).toEqual({
      ok: true,
      output: '',
    });
  }, 120_000);

  it('fails on a {@link} to nothing', async () => {
    const entry = '/** Like {@link nowhereToBeFound}. */\nexport const answer = 42;\n';
    const result = await checkFixture({ 'entry.ts': entry }, 'entry.ts');
    expect(result.ok).toBe(false);
    expect(result.output).toContain('nowhereToBeFound');
  }, 120_000);
});

describe('the scripts, in a copy of the project', () => {
  let copy: string;

  /** Runs `node scripts/<name>.mjs` in the copy: exit code and output. */
  function run(name: string): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [path.join(copy, 'scripts', `${name}.mjs`)],
        { cwd: copy, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
  }

  beforeAll(async () => {
    copy = await mkdtemp(path.join(os.tmpdir(), 'apify-builds-copy-'));
    const skip = new Set(['node_modules', 'dist', '.git', '.scratch']);
    await cp(root, copy, {
      recursive: true,
      filter: (source) => !skip.has(path.relative(root, source).split(path.sep)[0] ?? ''),
    });
    // The copy's own node_modules/.cache (the check's stamps), the real packages by symlink.
    await mkdir(path.join(copy, 'node_modules'));
    for (const entry of await readdir(path.join(root, 'node_modules')))
      if (entry !== '.cache')
        await symlink(
          path.join(root, 'node_modules', entry),
          path.join(copy, 'node_modules', entry),
        );
  }, 120_000);

  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it('npm run docs fails on a spec with a dangling $ref, and writes no site', async () => {
    const specFile = path.join(copy, 'spec', 'openapi.yaml');
    const spec = await readFile(specFile, 'utf8');
    const dangling = spec.replace(
      "$ref: '#/components/parameters/offset'",
      "$ref: '#/components/parameters/nowhere'",
    );
    expect(dangling).not.toBe(spec);
    await writeFile(specFile, dangling);
    try {
      const { code, output } = await run('docs');
      expect(code, output).toBe(1);
      expect(output).toContain('spec/openapi.yaml has lint problems');
      expect(output).toMatch(/spec\/openapi\.yaml:\s+\d+:\d+\s+error\s+no-unresolved-refs/);
      expect(existsSync(path.join(copy, 'dist', 'docs'))).toBe(false);
    } finally {
      await writeFile(specFile, spec);
    }
  }, 240_000);

  it('npm run check fails on a broken sample in spec/samples/', async () => {
    const broken = path.join(copy, 'spec', 'samples', 'broken.ts');
    await writeFile(broken, sample('listBuilds(123)'));
    const failed = await run('check');
    expect(failed.code, failed.output).toBe(1);
    expect(failed.output).toContain('check: docs check failed');
    expect(failed.output).toMatch(/spec\/samples\/broken\.ts:3:\d+ - error TS2345/);
    // The same check passes on the project itself (`npm run check`), and on a correct sample above.
  }, 240_000);
});
