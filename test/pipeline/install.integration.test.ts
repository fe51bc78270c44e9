// The contributor's first install stays quiet and lean: `npm ci` prints no warning (no
// EBADENGINE, no install scripts outside `allowScripts`), and the ecosystem tests' runtimes
// (Bun, Deno, workerd) live in runtimes/, a project of its own with its own lockfile.
// `npm ci --dry-run --offline` reads only the lockfile: the same warnings, in a second, offline.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.js';
import { run } from '../../scripts/lib/process.js';
import { runtimesDir } from '../../scripts/lib/runtimes.js';

interface Manifest {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}
interface Lockfile {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
}

const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T;
const project = (dir: string) =>
  Promise.all([
    readJson<Manifest>(path.join(dir, 'package.json')),
    readJson<Lockfile>(path.join(dir, 'package-lock.json')),
  ]);

/** The package name of a lockfile key (`node_modules/a/node_modules/@s/b` → `@s/b`). */
const nameOf = (key: string) =>
  key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** The names of the packages in `lock` that have install scripts, sorted, once each. */
const withInstallScripts = (lock: Lockfile) =>
  [
    ...new Set(
      Object.entries(lock.packages)
        .filter(([key, entry]) => key !== '' && entry.hasInstallScript)
        .map(([key]) => nameOf(key)),
    ),
  ].sort();

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'install-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/**
 * What `npm ci` prints to stderr for `manifest` and the project's lockfile, without installing
 * anything: a dry run, offline, of a copy whose own scripts are left out (npm runs `prepare`
 * even then).
 */
async function dryRun(name: string, manifest: Manifest): Promise<string> {
  const dir = path.join(scratch, name);
  await mkdir(dir);
  await cp(path.join(root, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  const { scripts: _scripts, ...rest } = manifest;
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(rest, null, 2));
  const args = ['ci', '--dry-run', '--offline', '--no-audit', '--no-fund'];
  const result = await run('npm', args, { cwd: dir, timeout: 120_000 });
  expect(result.code, result.output).toBe(0);
  return result.stderr;
}

describe('the main install', () => {
  it('`npm ci` prints no warning on this Node.js', async () => {
    const [manifest] = await project(root);
    expect(await dryRun('main', manifest)).toBe('');
  });

  it('prints the install-scripts advisory when allowScripts misses a package, so the test above can fail', async () => {
    const [manifest] = await project(root);
    const { allowScripts: _allowed, ...without } = manifest;
    const stderr = await dryRun('unapproved', without);
    expect(stderr).toContain('install scripts not yet covered by allowScripts');
    expect(stderr).toMatch(/^npm warn install-scripts {3}esbuild@/m);
  });

  it('allowScripts approves exactly the packages with install scripts', async () => {
    for (const dir of [root, runtimesDir]) {
      const [manifest, lock] = await project(dir);
      const approved = Object.entries(manifest.allowScripts ?? {});
      expect({ dir, approved: approved.map(([name]) => name).sort() }).toEqual({
        dir,
        approved: withInstallScripts(lock),
      });
      expect(approved.every(([, allowed]) => allowed)).toBe(true);
    }
    const [[, main], [, runtimes]] = await Promise.all([project(root), project(runtimesDir)]);
    expect(withInstallScripts(main)).toEqual(['esbuild']);
    expect(withInstallScripts(runtimes)).toEqual(['bun', 'deno', 'workerd']);
  });

  it('holds none of the runtimes, which runtimes/ pins to exact versions', async () => {
    const [[manifest, lock], [runtimes, runtimesLock]] = await Promise.all([
      project(root),
      project(runtimesDir),
    ]);
    const pinned = runtimes.dependencies ?? {};
    expect(Object.keys(pinned).sort()).toEqual(['bun', 'deno', 'miniflare']);
    for (const [name, version] of Object.entries(pinned)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(runtimesLock.packages[`node_modules/${name}`]?.version).toBe(version);
    }
    const main = new Set(Object.keys(lock.packages).map(nameOf));
    const runtimeNames = [...Object.keys(pinned), 'workerd', '@oven/bun-linux-x64'];
    expect(runtimeNames.filter((name) => main.has(name))).toEqual([]);
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    expect(Object.keys(pinned).filter((name) => name in declared)).toEqual([]);
  });
});
