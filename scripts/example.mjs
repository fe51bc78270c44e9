// `npm run example <name> [args]`: runs examples/<name>.ts. esbuild bundles it with
// 'apify-builds-client' resolved to this repository's src/, so no build or install is needed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cachePath, root } from './paths.mjs';

const examples = path.join(root, 'examples');

/** Bundles examples/<name>.ts into one ES module; resolves to its path. */
export async function bundleExample(name) {
  const source = path.join(examples, `${name}.ts`);
  if (!existsSync(source)) {
    const known = readdirSync(examples)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.slice(0, -3));
    throw new Error(`no example ${JSON.stringify(name)}; there are: ${known.join(', ')}`);
  }
  const { build } = await import('esbuild');
  const outfile = path.join(cachePath, 'examples', `${name}-${process.pid}.mjs`);
  await mkdir(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // openapi-fetch stays an import of node_modules, as in an installed copy.
    packages: 'external',
    alias: { 'apify-builds-client': path.join(root, 'src', 'index.ts') },
    logLevel: 'error',
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [name, ...args] = process.argv.slice(2);
  if (!name) {
    console.error('usage: npm run example <name> [args]; see examples/');
    process.exit(2);
  }
  let bundle;
  try {
    bundle = await bundleExample(name);
  } catch (error) {
    console.error(`example: ${error.message}`);
    process.exit(2);
  }
  const child = spawn(process.execPath, [bundle, ...args], { stdio: 'inherit' });
  // Ctrl+C reaches the example itself (same process group); wait for it to finish.
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
