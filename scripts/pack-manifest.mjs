// The package.json that `npm pack` and `npm publish` ship has no `prepare` script: git installs
// need it to build dist/, but a tarball already holds dist/, and npm 11 warns about every install
// script of a tarball ("not yet covered by allowScripts"). `prepack` runs `strip` (the original
// is kept in .cache/package.json), `postpack` runs `restore`.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from './paths.mjs';

const manifest = path.join(root, 'package.json');
const kept = path.join(root, '.cache', 'package.json');

async function strip() {
  const text = await readFile(manifest, 'utf8');
  const pkg = JSON.parse(text);
  if (!pkg.scripts?.prepare) throw new Error('package.json has no prepare script to strip');
  await mkdir(path.dirname(kept), { recursive: true });
  await copyFile(manifest, kept);
  delete pkg.scripts.prepare;
  await writeFile(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

async function restore() {
  await copyFile(kept, manifest);
  await rm(kept);
}

const [command] = process.argv.slice(2);
try {
  if (command === 'strip') await strip();
  else if (command === 'restore') await restore();
  else throw new Error('usage: node scripts/pack-manifest.mjs strip|restore');
} catch (error) {
  console.error(`pack-manifest: ${error.message}`);
  process.exitCode = 1;
}
