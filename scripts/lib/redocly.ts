// The one place that runs the Redocly CLI: offline environment, no update notice, the boxed
// "Node.js 20 support is ending" banner filtered out; the spec lint and the spec bundle.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, specPath } from './paths.js';
import { run, type RunResult } from './process.js';
import { redoclyPath } from './tools.js';

/** The environment every Redocly run gets: no telemetry, no update check. */
export const redoclyEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};

/** Removes the boxed banner (its lines are drawn with box characters) and blank edges. */
export function dropBanner(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/[║╔╚]/.test(line))
    .join('\n')
    .trim();
}

/**
 * Runs `redocly <args>` (in the project root unless `cwd` says otherwise), banner removed.
 * `nodeArgs` are options for Node.js itself, e.g. `['--import', module]`.
 */
export async function runRedocly(
  args: readonly string[],
  options: { cwd?: string; nodeArgs?: readonly string[]; timeout?: number } = {},
): Promise<RunResult> {
  const result = await run(process.execPath, [...(options.nodeArgs ?? []), redoclyPath, ...args], {
    cwd: options.cwd ?? root,
    env: redoclyEnv,
    ...(options.timeout !== undefined && { timeout: options.timeout }),
  });
  const stdout = dropBanner(result.stdout);
  const stderr = dropBanner(result.stderr);
  return { ...result, stdout, stderr, output: [stdout, stderr].filter(Boolean).join('\n') };
}

// Redocly's way out of a failing lint; the project's rule is zero problems, never an ignore file.
const IGNORE_FILE_ADVICE = /^.*--generate-ignore-file.*$\n?/gm;

/**
 * A spec that is not valid YAML, as `file:line:column: YAML syntax error: reason`; undefined when
 * Redocly's output is not about a parse failure.
 */
function syntaxError(output: string, cwd: string): string | undefined {
  if (!output.includes('Failed to parse API description')) return undefined;
  const found = /^\s*- (.+?) in "([^"]+)" \((\d+):(\d+)\)/m.exec(output);
  if (!found) return `${path.relative(cwd, specPath)}: YAML syntax error:\n${output}`;
  const [, reason = '', file = '', line = '', column = ''] = found;
  return `${path.relative(cwd, file)}:${line}:${column}: YAML syntax error: ${reason}`;
}

/**
 * Redocly lint of the `builds` API in redocly.yaml. `ok` only with zero errors, zero warnings
 * and no configuration warning; `output` says what is wrong (a YAML syntax error as one line
 * with file, line and column).
 */
export async function lintSpec(): Promise<{ ok: boolean; output: string }> {
  const result = await runRedocly(['lint', '--format=stylish']);
  const output = result.output.replace(IGNORE_FILE_ADVICE, '').trim();
  const syntax = syntaxError(output, root);
  if (syntax) return { ok: false, output: syntax };
  // Redocly exits 0 on warnings, configuration warnings included; here they fail.
  return { ok: result.ok && !/warning/i.test(output), output };
}

/** Runs `task(dir)` with a fresh temporary directory, removed afterwards. */
export async function withTempDir<T>(prefix: string, task: (dir: string) => Promise<T>) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    return await task(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One OpenAPI document bundled by Redocly into a JSON value (remote `$ref`s resolved).
 * `source` is an API name of redocly.yaml (`builds`, run in the project root) or a root file's
 * path or URL, bundled from an empty folder so that no redocly.yaml of ours applies to it.
 * `nodeArgs` go to the Node.js that runs Redocly (e.g. `['--import', preload]`); `timeout` (ms)
 * ends a bundle that takes longer, as a failure.
 */
export function bundleSpec(
  source: string,
  options: { nodeArgs?: readonly string[]; timeout?: number } = {},
): Promise<unknown> {
  return withTempDir('apify-builds-bundle-', async (dir) => {
    const output = path.join(dir, 'bundle.json');
    const isApiName = /^[\w-]+$/.test(source);
    const result = await runRedocly(['bundle', source, '--ext', 'json', '-o', output], {
      ...options,
      cwd: isApiName ? root : dir,
    });
    if (!result.ok) throw new Error(`cannot bundle ${source}:\n${result.output}`);
    try {
      return JSON.parse(await readFile(output, 'utf8')) as unknown;
    } catch {
      throw new Error(`cannot bundle ${source}: Redocly wrote no bundle`);
    }
  });
}
