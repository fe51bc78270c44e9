// Builds dist/ when it is missing, once, even when several test files ask at the same time; runs
// the project's scripts for tests that need their output.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from './helpers/project.js';

const entry = path.join(root, 'dist', 'index.js');
const lock = path.join(root, 'node_modules', '.cache', 'build.lock');

/** Runs `scripts/<name>.mjs` as `npm run <name>` would; rejects with its output when it fails. */
export function runScript(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(root, 'scripts', `${name}.mjs`)],
      { cwd: root, timeout: 150_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`npm run ${name} failed:\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

export async function ensureBuilt(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!existsSync(entry) || existsSync(lock)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for npm run build (a stale ${lock} can be removed)`);
    await mkdir(path.dirname(lock), { recursive: true });
    // mkdir is atomic: whoever creates the lock builds, everyone else waits for dist/index.js.
    const owner = await mkdir(lock).then(
      () => true,
      () => false,
    );
    if (!owner) {
      await sleep(250);
      continue;
    }
    try {
      await runScript('build');
    } finally {
      await rmdir(lock);
    }
  }
}
