// Loads the fake API (TypeScript, test/fake-api/) into a plain Node.js process: esbuild bundles
// it into one ES module under node_modules/.cache, named by a hash of its sources.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cachePath, root } from './paths.mjs';

const sources = path.join(root, 'test', 'fake-api');

/**
 * The fake API's module: `startMockServer(options)`, `shortBuildAt`, `MAX_LIMIT`, `PortInUseError`.
 * @returns {Promise<typeof import('./mock-server.mts')>}
 */
export async function loadFakeApi() {
  const hash = createHash('sha256');
  for (const name of readdirSync(sources).sort())
    hash.update(name).update(readFileSync(path.join(sources, name)));
  const bundle = path.join(cachePath, `fake-api-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(bundle)) {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [path.join(sources, 'server.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    await mkdir(cachePath, { recursive: true });
    // Write then rename: processes that start at the same time never read half a file.
    const temp = `${bundle}.${process.pid}.tmp`;
    await writeFile(temp, result.outputFiles[0].contents);
    await rename(temp, bundle);
  }
  return import(pathToFileURL(bundle).href);
}
