// `npm run docs`: lints the spec, then writes the docs site to dist/docs/, which works offline
// from file:// and as GitHub Pages:
//   index.html    landing page (site/)
//   api/          HTTP API reference: Redoc, with curl and TypeScript samples (docs/api.ts)
//   client/       client reference: TypeDoc over src/index.ts (docs/client.ts)
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApiReference, referenceSpec } from './docs/api.js';
import { buildClientReference } from './docs/client.js';
import { buildLanding } from './docs/site.js';
import { distPath, root } from './lib/paths.js';
import { isMain } from './lib/process.js';
import { lintSpec } from './lib/redocly.js';

export const docsDir = path.join(distPath, 'docs');

/** Total size in bytes of the files under `dir`. */
async function sizeOf(dir: string): Promise<number> {
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
 * succeeded, so a failed run leaves the previous site as it was. Rejects on any lint problem
 * (`lint: false` when the caller has just linted the spec). Resolves to each part's size in bytes.
 */
export async function buildSite(out = docsDir, options: { lint?: boolean } = {}) {
  await mkdir(path.dirname(out), { recursive: true });
  const staging = `${out}.${String(process.pid)}-${String(Date.now())}`;
  // The lint and the spec bundle run in child processes beside TypeDoc on this thread.
  const lint = options.lint === false ? Promise.resolve({ ok: true, output: '' }) : lintSpec();
  const client = buildClientReference(path.join(staging, 'client'));
  const spec = referenceSpec();
  // Their failures are reported below, in order: the lint's first.
  for (const task of [client, spec]) task.catch(() => undefined);
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

/** Builds the site and prints one line about it; resolves to the exit code. */
export async function docs(options: { lint?: boolean; out?: string } = {}): Promise<number> {
  const started = performance.now();
  try {
    const out = options.out ?? docsDir;
    const sizes = await buildSite(out, options);
    const kib = (bytes: number) => `${String(Math.round(bytes / 1024))} KiB`;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `docs: wrote ${path.relative(root, out)}/ in ${seconds} s: index.html ${kib(sizes.landing)}, api/ ${kib(sizes.api)}, client/ ${kib(sizes.client)}`,
    );
    return 0;
  } catch (error) {
    console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (isMain(import.meta)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  process.exitCode = await docs(values.out === undefined ? {} : { out: path.resolve(values.out) });
}
