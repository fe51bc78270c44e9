// The docs part of `npm run check`: the code samples of spec/samples/ type-check against src/, and
// TypeDoc finds nothing to warn about in the client's public API (a missing doc comment, a broken
// {@link}). TypeDoc runs on a worker thread beside the rest of the check, and not at all when
// none of the files it read has changed since its last clean run.
import { createHash } from 'node:crypto';
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { root } from './paths.mjs';

const stampPath = path.join(root, 'node_modules', '.cache', 'check-docs.json');
const INPUT_DIRS = ['src', 'generated', path.join('spec', 'samples')];
const INPUT_FILES = [
  'typedoc.json',
  'tsconfig.json',
  'package-lock.json',
  'scripts/docs-client.mjs',
  'scripts/docs-check.mjs',
];

/** A hash of every file the client reference and the samples are made from. */
async function inputsHash() {
  const listed = await Promise.all(
    INPUT_DIRS.map(async (dir) =>
      (await readdir(path.join(root, dir), { recursive: true }).catch(() => [])).map((f) =>
        path.join(dir, f),
      ),
    ),
  );
  const files = [...listed.flat(), ...INPUT_FILES].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = await readFile(path.join(root, file)).catch(() => null);
    if (content !== null) hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('base64');
}

/**
 * Resolves to `{ ok, output }`. `overrides` are TypeDoc options (another entry point or tsconfig,
 * as the tests use); with overrides the result is never cached.
 */
export async function checkDocs(overrides) {
  const stamp = overrides ? '' : await inputsHash();
  // A few recent clean states, so that copies of the project (tests) do not evict this one.
  const clean = await readFile(stampPath, 'utf8')
    .then(JSON.parse)
    .catch(() => []);
  if (stamp && Array.isArray(clean) && clean.includes(stamp)) return { ok: true, output: '' };
  const result = await new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { task: 'check-docs', overrides: overrides ?? {} },
      execArgv: [], // not the caller's flags (e.g. a test runner's loaders)
    });
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ ok: false, output: String(error?.stack ?? error) }));
  });
  if (stamp && result.ok) {
    const latest = await readFile(stampPath, 'utf8')
      .then(JSON.parse)
      .catch(() => []);
    const kept = (Array.isArray(latest) ? latest : []).filter((s) => s !== stamp).slice(-7);
    await mkdir(path.dirname(stampPath), { recursive: true });
    await writeFile(stampPath, JSON.stringify([...kept, stamp]));
  }
  return result;
}

if (!isMainThread && workerData?.task === 'check-docs') {
  const { convertClient } = await import('./docs-client.mjs');
  const { ok, output } = await convertClient(workerData.overrides);
  parentPort.postMessage({ ok, output });
}
