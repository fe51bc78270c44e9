// `npm run docs`: lints the spec, then writes the docs site to dist/docs/, which works offline
// from file:// and as GitHub Pages:
//   index.html    landing page (site/)
//   api/          HTTP API reference: Redoc, with curl and TypeScript samples (docs-api.mjs)
//   client/       client reference: TypeDoc over src/index.ts (docs-client.mjs)
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApiReference, referenceSpec } from './docs-api.mjs';
import { buildClientReference } from './docs-client.mjs';
import { buildLanding } from './docs-site.mjs';
import { distPath, root } from './paths.mjs';
import { lintSpec } from './pipeline.mjs';

export const docsDir = path.join(distPath, 'docs');

/** Total size in bytes of the files under `dir`. */
async function sizeOf(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => stat(path.join(entry.parentPath, entry.name)).then((s) => s.size)),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * Builds the site into a staging folder beside `out` and swaps it in only when every part
 * succeeded, so a failed run leaves the previous site as it was. Rejects on any lint problem.
 * Resolves to the size in bytes of each part.
 */
export async function buildSite(out = docsDir) {
  await mkdir(path.dirname(out), { recursive: true });
  const staging = `${out}.${process.pid}-${Date.now()}`;
  // The lint and the spec bundle run in child processes beside TypeDoc on this thread.
  const lint = lintSpec();
  const client = buildClientReference(path.join(staging, 'client'));
  const spec = referenceSpec();
  // Their failures are reported below, in order: the lint's first.
  for (const task of [client, spec]) task.catch(() => {});
  try {
    const linted = await lint;
    if (!linted.ok) throw new Error(`spec/openapi.yaml has lint problems:\n${linted.output}`);
    const apiSize = await buildApiReference(path.join(staging, 'api', 'index.html'), await spec);
    await Promise.all([client, buildLanding(staging, await spec)]);
    const clientSize = await sizeOf(path.join(staging, 'client'));
    const sizes = {
      landing: (await sizeOf(staging)) - apiSize - clientSize,
      api: apiSize,
      client: clientSize,
    };
    await rm(out, { recursive: true, force: true });
    await rename(staging, out);
    return sizes;
  } finally {
    // Nothing may still be writing into the staging folder when it goes.
    await Promise.allSettled([client, spec]);
    await rm(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const sizes = await buildSite();
    const kib = (bytes) => `${Math.round(bytes / 1024)} KiB`;
    const seconds = (performance.now() / 1000).toFixed(1); // since the process started
    console.log(
      `docs: wrote ${path.relative(root, docsDir)}/ in ${seconds} s: index.html ${kib(sizes.landing)}, api/ ${kib(sizes.api)}, client/ ${kib(sizes.client)}`,
    );
  } catch (error) {
    console.error(`docs: ${error.message}`);
    process.exitCode = 1;
  }
}
