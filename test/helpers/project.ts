// A throw-away copy of the project's pipeline (spec, scripts, src, config, generated/) in a temp
// directory, sharing node_modules, so tests can edit the spec without touching the real one.
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from '../../scripts/paths.mjs';

export { root };

const ENTRIES = [
  'spec',
  'scripts',
  'src', // the check's TypeDoc run documents src/index.ts and compiles spec/samples/ with it
  'test/fake-api',
  'generated',
  'redocly.yaml',
  'tsconfig.json',
  'tsconfig.build.json', // the API report compiles src/ as the build does
  'typedoc.json',
  'site', // typedoc.json's favicon
  'api-extractor.json',
  'api-report',
  '.prettierrc.json',
  '.prettierignore',
  'package.json',
];

/** Copies the pipeline's files into a new temp directory; `remove()` deletes it. */
export async function copyProject(
  prefix: string,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  for (const entry of ENTRIES) {
    await cp(path.join(root, entry), path.join(dir, entry), { recursive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
  }
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
