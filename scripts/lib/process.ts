// Child processes, one way: run a command or a project script and collect what it printed.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root as projectRoot } from './paths.js';
import { tsxLoaderPath } from './tools.js';

/** What a child process did; `output` is stdout then stderr. */
export interface RunResult {
  ok: boolean;
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds before the child is killed (a failure); none by default. */
  timeout?: number;
}

/** Runs `file args` to its end; never rejects: a failure is `ok: false` with its output. */
export function run(file: string, args: readonly string[], options: RunOptions = {}) {
  const { cwd = projectRoot, env = process.env, timeout = 0 } = options;
  return new Promise<RunResult>((resolve) => {
    const settings = { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024 };
    execFile(file, args, settings, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const output = [stdout, stderr].filter(Boolean).join('\n');
      resolve({ ok: code === 0, code, stdout, stderr, output });
    });
  });
}

/** tsx as a loader, by absolute URL so a copy of the project or a temp folder finds it too. */
export const tsxImport = pathToFileURL(tsxLoaderPath).href;

/** The arguments that make `node` run `scripts/<name>.ts` of the project at `root`. */
export const scriptArgs = (name: string, args: readonly string[] = [], root = projectRoot) => [
  '--import',
  tsxImport,
  path.join(root, 'scripts', `${name}.ts`),
  ...args,
];

/** Runs `scripts/<name>.ts` of the project at `root` as `npm run <name>` does, in that root. */
export function runScript(
  name: string,
  args: readonly string[] = [],
  options: RunOptions & { root?: string } = {},
) {
  const { root = projectRoot, ...rest } = options;
  return runNode(scriptArgs(name, args, root), { cwd: root, ...rest });
}

/** True when the module of `meta` is the script node was started with. */
export function isMain(meta: ImportMeta): boolean {
  const started = process.argv[1];
  return started !== undefined && path.resolve(started) === fileURLToPath(meta.url);
}

/** Runs `node args` with this process's Node.js. */
export const runNode = (args: readonly string[], options: RunOptions = {}) =>
  run(process.execPath, args, options);
