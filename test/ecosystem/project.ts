// A consumer project in a temp directory: the packed package installed offline from local
// tarballs (the consumer project of test/helpers/consumer.ts, as in test/package/tarball.integration.test.ts), and
// the scenario built into it for each runtime: as ES module and CommonJS programs that load the
// installed package by name, and as a Worker module and a page script that bundle it.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { sha512, writeConsumerProject } from '../helpers/consumer.js';
import { root } from '../helpers/project.js';

export { root };

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = ['scenario.ts', 'cli.ts', 'token.ts', 'worker.ts', 'browser.ts'];

export interface ScenarioProject {
  /** The consumer project; `node_modules/apify-builds-client` is the packed package. */
  dir: string;
  /** The scenario as programs: ES module (Node, Bun, Deno) and CommonJS (Node's require()). */
  esm: string;
  cjs: string;
  /** One page, with the token given or taken from the environment (Deno's permissions). */
  token: string;
  remove(): Promise<void>;
}

export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: 180_000, ...options },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${command} ${args.join(' ')} failed in ${options.cwd} (${error.message.split('\n')[0]}):\n${stdout}${stderr}`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

/** Packs the package and installs it with its runtime dependencies into `dir`, offline. */
async function install(dir: string): Promise<void> {
  const deps = path.join(dir, '.deps');
  await mkdir(deps);
  // --ignore-scripts: pack the dist/ that is there instead of rebuilding it under other tests.
  const packed = JSON.parse(
    await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', deps, root], {
      cwd: root,
    }),
  ) as { filename: string }[];
  const tarball = path.join(deps, packed[0]!.filename);
  const spec = `file:${path.relative(dir, tarball)}`;
  await writeConsumerProject(dir, spec, spec, await sha512(tarball));
  // --offline: everything comes from local tarballs; nothing leaves the machine.
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
  });
}

export interface Bundle {
  file: string;
  /** The files of the installed package in the bundle, relative to the project. */
  packageFiles: string[];
}

/**
 * The scenario and the package in one ES module, as a Worker (esbuild's conditions as wrangler
 * sets them) or a page script. A package that imports a Node.js module fails here.
 */
export async function bundle(
  project: ScenarioProject,
  kind: 'worker' | 'browser',
): Promise<Bundle> {
  const file = path.join(project.dir, kind === 'worker' ? 'worker.mjs' : 'page.js');
  let metafile: Metafile;
  try {
    ({ metafile } = await build({
      absWorkingDir: project.dir,
      entryPoints: [path.join(project.dir, 'src', `${kind}.ts`)],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      ...(kind === 'worker' ? { conditions: ['workerd', 'worker', 'browser'] } : {}),
      outfile: file,
      metafile: true,
      logLevel: 'silent',
    }));
  } catch (error) {
    const details = (error as { errors?: { text: string }[] }).errors?.map((e) => e.text) ?? [];
    throw new Error(
      `esbuild could not bundle the ${kind} scenario: ${details.join('; ') || String(error)}`,
      {
        cause: error,
      },
    );
  }
  const packageFiles = Object.keys(metafile.inputs)
    .filter((input) => input.includes('node_modules/apify-builds-client/'))
    .sort();
  return { file, packageFiles };
}

/** Packs dist/ (built by the integration tests' global setup), installs it into a temp project
 * and builds the scenario there. */
export async function createScenarioProject(): Promise<ScenarioProject> {
  const dir = await mkdtemp(path.join(tmpdir(), 'builds-ecosystem-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await install(dir);
    // The sources live in the project, so `apify-builds-client` resolves to the installed
    // package (never to this repository's src/ through its tsconfig paths).
    const src = path.join(dir, 'src');
    await mkdir(src);
    for (const file of SOURCES) await copyFile(path.join(here, file), path.join(src, file));
    const program: BuildOptions = {
      absWorkingDir: dir,
      bundle: true,
      target: 'es2022',
      logLevel: 'silent',
      platform: 'node',
      packages: 'external',
    };
    const files = {
      esm: path.join(dir, 'scenario.mjs'),
      cjs: path.join(dir, 'scenario.cjs'),
      token: path.join(dir, 'token.mjs'),
    };
    const cli = [path.join(src, 'cli.ts')];
    await build({ ...program, entryPoints: cli, format: 'esm', outfile: files.esm });
    await build({ ...program, entryPoints: cli, format: 'cjs', outfile: files.cjs });
    const token = [path.join(src, 'token.ts')];
    await build({ ...program, entryPoints: token, format: 'esm', outfile: files.token });
    return { dir, ...files, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
