// What makes `npm run check` and `npm run docs` fail on the docs side: a code sample that does not
// type-check, an export without a doc comment, a broken {@link}, a spec with a lint problem.
// The check function runs on fixtures beside the project; the scripts run in a copy of it.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocs } from '../../scripts/docs/check.js';
import { root } from '../../scripts/lib/paths.js';
import { copyProject, type ProjectCopy } from '../helpers/project.js';

let fixtures: string;

/**
 * A TypeDoc run over `files` (written into a temporary fixture folder that sees the project's
 * node_modules and is "type": "module"), with the project's typedoc.json and the samples'
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
  return checkDocs(path.join(dir, 'typedoc.json'));
}

const sample = (call: string) =>
  `import { createBuildsClient } from 'apify-builds-client';\n\nawait createBuildsClient().${call};\n`;

beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'apify-builds-docs-check-'));
  await writeFile(path.join(fixtures, 'package.json'), '{ "type": "module" }\n');
  await symlink(path.join(root, 'node_modules'), path.join(fixtures, 'node_modules'), 'dir');
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
  });

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
  });

  it('fails on a {@link} to nothing', async () => {
    const entry = '/** Like {@link nowhereToBeFound}. */\nexport const answer = 42;\n';
    const result = await checkFixture({ 'entry.ts': entry }, 'entry.ts');
    expect(result.ok).toBe(false);
    expect(result.output).toContain('nowhereToBeFound');
  });
});

describe('the scripts, in a copy of the project', () => {
  let copy: ProjectCopy;

  beforeAll(async () => {
    copy = await copyProject('apify-builds-copy-');
  });

  afterAll(async () => {
    await copy.remove();
  });

  it('npm run docs fails on a spec with a dangling $ref, and writes no site', async () => {
    const specFile = path.join(copy.dir, 'spec', 'openapi.yaml');
    const spec = await readFile(specFile, 'utf8');
    const dangling = spec.replace(
      "$ref: '#/components/parameters/offset'",
      "$ref: '#/components/parameters/nowhere'",
    );
    expect(dangling).not.toBe(spec);
    await writeFile(specFile, dangling);
    try {
      const { code, output } = await copy.run('docs');
      expect(code, output).toBe(1);
      expect(output).toContain('spec/openapi.yaml has lint problems');
      expect(output).toMatch(/spec\/openapi\.yaml:\s+\d+:\d+\s+error\s+no-unresolved-refs/);
      expect(existsSync(path.join(copy.dir, 'dist', 'docs'))).toBe(false);
    } finally {
      await writeFile(specFile, spec);
    }
  });

  it('npm run check fails on a broken sample in spec/samples/', async () => {
    const broken = path.join(copy.dir, 'spec', 'samples', 'broken.ts');
    await writeFile(broken, sample('listBuilds(123)'));
    const failed = await copy.run('check', ['--only', 'docs']);
    expect(failed.code, failed.output).toBe(1);
    expect(failed.output).toContain('check: docs check failed');
    expect(failed.output).toMatch(/spec\/samples\/broken\.ts:3:\d+ - error TS2345/);
    // The same check passes on the project itself (`npm run check`), and on a correct sample above.
  });
});
