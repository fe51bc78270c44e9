// A throw-away copy of the project's pipeline (spec, scripts, src, config, generated/) in a temp
// directory, sharing node_modules, so tests can edit the spec without touching the real one.
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from '../../scripts/lib/paths.js';
import { runScript, scriptArgs, type RunResult } from '../../scripts/lib/process.js';

export { root };

const ENTRIES = [
  'spec',
  'scripts',
  'src', // the check's TypeDoc run documents src/index.ts and compiles spec/samples/ with it
  'fake-api',
  'generated',
  'redocly.yaml',
  'tsconfig.json',
  'tsconfig.build.json', // the API report compiles src/ as the build does
  'tsconfig.cli.json', // and the build compiles the command line with it
  'typedoc.json',
  'site', // typedoc.json's favicon
  'api-extractor.json',
  'api-report',
  'eslint.config.js',
  '.prettierrc.json',
  '.prettierignore',
  'package.json',
];

export interface ProjectCopy {
  dir: string;
  /** The environment its scripts run with: its own cache directory, not the project's. */
  env: NodeJS.ProcessEnv;
  /** Runs `npm run <name>` there. */
  run(name: string, args?: string[]): Promise<RunResult>;
  /** The `node` arguments that start `npm run <name>` there (for a long-running script). */
  args(name: string, args?: string[]): string[];
  remove(): Promise<void>;
}

/** Copies the pipeline's files (or `entries`) into a new temp directory. */
export async function copyProject(prefix: string, entries = ENTRIES): Promise<ProjectCopy> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  for (const entry of entries) {
    await cp(path.join(root, entry), path.join(dir, entry), { recursive: true }).catch(
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      },
    );
  }
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const env = { ...process.env, BUILDS_CACHE_DIR: path.join(dir, '.cache') };
  return {
    dir,
    env,
    run: (name, args = []) => runScript(name, args, { root: dir, env }),
    args: (name, args = []) => scriptArgs(name, args, dir),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
