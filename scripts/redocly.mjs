// The one place that runs the Redocly CLI: offline environment, no update notice, and the boxed
// "Node.js 20 support is ending" banner it prints on every run filtered out.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './paths.mjs';

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/** The environment every Redocly run gets: no telemetry, no update check. */
export const redoclyEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};

/** Removes the boxed banner (its lines are drawn with box characters) and blank edges. */
export function dropBanner(text) {
  return text
    .split('\n')
    .filter((line) => !/[║╔╚]/.test(line))
    .join('\n')
    .trim();
}

/**
 * Runs `redocly <args>` in the project root.
 * @param {string[]} args e.g. `['lint', '--format=stylish']`
 * @param {{ cwd?: string, timeout?: number, nodeArgs?: string[] }} [options]
 *   `nodeArgs`: options for Node.js itself, e.g. `['--import', module]`
 * @returns {Promise<{ ok: boolean, code: number, stdout: string, stderr: string, output: string }>}
 *   `output` is stdout then stderr, banner removed.
 */
export function runRedocly(args, options = {}) {
  const { cwd = root, timeout = 120_000, nodeArgs = [] } = options;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, cli, ...args],
      { cwd, env: redoclyEnv, timeout, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const out = dropBanner(stdout);
        const err = dropBanner(stderr);
        resolve({
          ok: code === 0,
          code,
          stdout: out,
          stderr: err,
          output: [out, err].filter(Boolean).join('\n'),
        });
      },
    );
  });
}
