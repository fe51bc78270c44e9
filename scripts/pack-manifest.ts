// The package.json that `npm pack` and `npm publish` ship has no `prepare` script: git installs
// need it to build dist/, but a tarball already holds dist/, and npm 11 warns about every install
// script of a tarball ("not yet covered by allowScripts"). `prepack` runs `strip` (the original
// is kept in .cache/package.json), `postpack` runs `restore`.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from './lib/paths.js';
import { isMain } from './lib/process.js';

const manifest = path.join(root, 'package.json');
// Beside the project, not in node_modules: a copy of the project may share that by a symlink.
const kept = path.join(root, '.cache', 'package.json');

/** Writes package.json without its `prepare` script, keeping the original. */
export async function strip(): Promise<void> {
  const pkg = JSON.parse(await readFile(manifest, 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (pkg.scripts?.prepare === undefined)
    throw new Error('package.json has no prepare script to strip');
  await mkdir(path.dirname(kept), { recursive: true });
  await copyFile(manifest, kept);
  const { prepare: _, ...scripts } = pkg.scripts;
  await writeFile(manifest, `${JSON.stringify({ ...pkg, scripts }, null, 2)}\n`);
}

/** Puts back the package.json that strip() kept. */
export async function restore(): Promise<void> {
  await copyFile(kept, manifest);
  await rm(kept);
}

if (isMain(import.meta)) {
  const [command] = process.argv.slice(2);
  try {
    if (command === 'strip') await strip();
    else if (command === 'restore') await restore();
    else throw new Error('usage: tsx scripts/pack-manifest.ts strip|restore');
  } catch (error) {
    console.error(`pack-manifest: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
