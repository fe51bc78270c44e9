// When the ecosystem tests install runtimes/ (scripts/lib/runtimes.ts): whenever its
// node_modules is missing or differs from its lockfile.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runtimesState } from '../../scripts/lib/runtimes.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'runtimes-'));
  await writeFile(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({
      packages: {
        '': { dependencies: { bun: '1.4.5' } },
        'node_modules/bun': { version: '1.4.5' },
        'node_modules/@oven/bun-darwin-x64': { version: '1.4.5', optional: true },
      },
    }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes node_modules/.package-lock.json as npm does after an install. */
async function installed(packages: Record<string, { version: string }>) {
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await writeFile(
    path.join(dir, 'node_modules', '.package-lock.json'),
    JSON.stringify({ packages }),
  );
}

describe('runtimesState', () => {
  it('is ok when node_modules holds every locked package, optional platforms aside', async () => {
    await installed({ 'node_modules/bun': { version: '1.4.5' } });
    expect(await runtimesState(dir)).toEqual({ ok: true });
  });

  it('names a missing install', async () => {
    expect(await runtimesState(dir)).toEqual({
      ok: false,
      reason: 'runtimes/node_modules is not installed',
    });
  });

  it('names a package whose version differs from the lockfile, or that is missing', async () => {
    await installed({ 'node_modules/bun': { version: '1.4.4' } });
    expect(await runtimesState(dir)).toEqual({
      ok: false,
      reason: 'bun is 1.4.4, the lockfile pins 1.4.5',
    });
    await installed({});
    expect(await runtimesState(dir)).toEqual({
      ok: false,
      reason: 'bun is missing, the lockfile pins 1.4.5',
    });
  });
});
