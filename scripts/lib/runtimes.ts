// The other runtimes of the ecosystem tests (Bun, Deno, workerd in miniflare) live in runtimes/,
// with their own package.json and lockfile, so the main install stays lean and quiet. They come
// from the npm registry (or npm's cache) only, when `npm run ecosystem:install` or the
// ecosystem tests find them missing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from './paths.js';
import { run, type RunResult } from './process.js';

/** The runtimes' own project: package.json, package-lock.json and, once installed, node_modules. */
export const runtimesDir = path.join(root, 'runtimes');

/** A binary of the runtimes' project (`bun`, `deno`, `workerd`). */
export const runtimeBin = (name: string) => path.join(runtimesDir, 'node_modules', '.bin', name);

interface Lockfile {
  packages: Record<string, { version?: string; optional?: boolean }>;
}

const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T;

/** The pinned runtimes: package name → exact version, from runtimes/package.json. */
export async function pinnedRuntimes(): Promise<Record<string, string>> {
  const manifest = await readJson<{ dependencies: Record<string, string> }>(
    path.join(runtimesDir, 'package.json'),
  );
  return manifest.dependencies;
}

/**
 * Whether runtimes/node_modules (or `dir`'s) holds what the lockfile beside it pins (optional
 * platform packages aside), read from the lockfile npm writes into node_modules on every install.
 */
export async function runtimesState(
  dir = runtimesDir,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const locked = await readJson<Lockfile>(path.join(dir, 'package-lock.json'));
  let installed: Lockfile;
  try {
    installed = await readJson<Lockfile>(path.join(dir, 'node_modules', '.package-lock.json'));
  } catch {
    return { ok: false, reason: 'runtimes/node_modules is not installed' };
  }
  for (const [where, entry] of Object.entries(locked.packages)) {
    if (where === '' || entry.optional) continue;
    const version = installed.packages[where]?.version;
    if (version !== entry.version)
      return {
        ok: false,
        reason: `${where.replace(/^node_modules\//, '')} is ${version ?? 'missing'}, the lockfile pins ${entry.version ?? '?'}`,
      };
  }
  return { ok: true };
}

/** `npm ci` in runtimes/: from npm's cache when it has the packages, otherwise the registry. */
export const installArgs = ['ci', '--prefer-offline', '--no-audit', '--no-fund'] as const;

/** Runs `npm ci` in runtimes/ to its end, its output collected into the result. */
export const installRuntimes = (): Promise<RunResult> =>
  run('npm', installArgs, { cwd: runtimesDir, timeout: 600_000 });

/** Installs the runtimes when runtimes/node_modules is missing or differs from the lockfile. */
export async function ensureRuntimes(): Promise<void> {
  const state = await runtimesState();
  if (state.ok) return;
  const result = await installRuntimes();
  if (!result.ok)
    throw new Error(
      `${state.reason}, and \`npm ci\` in runtimes/ failed (run \`npm run ecosystem:install\`):\n${result.output}`,
    );
  const after = await runtimesState();
  if (!after.ok) throw new Error(`runtimes/ after \`npm ci\`: ${after.reason}`);
}
