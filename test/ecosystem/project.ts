// A consumer project in a temp directory: the packed package installed offline from local
// tarballs (as test/package.test.ts does), and the scenario built into it for each runtime:
// as ES module and CommonJS programs that load the installed package by name, and as a Worker
// module and a page script that bundle it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { ensureBuilt } from '../build-once.js';
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
  /** Bundles with the package inside: a Worker module and a page script. */
  worker: string;
  browser: string;
  /** The files of the package each bundle was made from, relative to `dir`. */
  bundled: { worker: string[]; browser: string[] };
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

const sha512 = async (file: string) =>
  `sha512-${createHash('sha512')
    .update(await readFile(file))
    .digest('base64')}`;

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/** Packs the package and its runtime dependencies and installs them into `dir`, offline. */
async function install(dir: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
  };
  const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  // Not marked dev: the runtime dependency tree, laid out as it will be in the consumer.
  const runtime = Object.entries(lock.packages).filter(
    ([key, entry]) => key !== '' && !entry.dev && !entry.devOptional,
  );
  const deps = path.join(dir, '.deps');
  await mkdir(deps);
  // --ignore-scripts: pack the dist/ that is there instead of rebuilding it under other tests.
  const packed = JSON.parse(
    await run(
      'npm',
      [
        'pack',
        '--ignore-scripts',
        '--json',
        '--pack-destination',
        deps,
        root,
        ...runtime.map(([key]) => path.join(root, key)),
      ],
      { cwd: root },
    ),
  ) as { filename: string }[];
  const tarball = (index: number) => path.join(deps, packed[index]!.filename);
  const spec = `file:${path.relative(dir, tarball(0))}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { [manifest.name]: spec } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: spec,
      integrity: await sha512(tarball(0)),
      dependencies: manifest.dependencies,
    },
  };
  for (const [index, [key, entry]] of runtime.entries()) {
    packages[key] = {
      ...entry,
      resolved: `file:${path.relative(dir, tarball(index + 1))}`,
      integrity: await sha512(tarball(index + 1)),
    };
  }
  // Deno resolves a bare import through node_modules only for a package listed here.
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: { [manifest.name]: spec },
    }),
  );
  await writeFile(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }),
  );
  // --offline: everything comes from local tarballs; nothing leaves the machine.
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
  });
}

/** The package's own files a bundle contains, relative to the project. */
function packageInputs(metafile: Metafile | undefined): string[] {
  return Object.keys(metafile?.inputs ?? {})
    .filter((input) => input.includes('node_modules/apify-builds-client/'))
    .sort();
}

/** Builds dist/ once, packs it, installs it into a temp project and builds the scenario there. */
export async function createScenarioProject(): Promise<ScenarioProject> {
  await ensureBuilt();
  const dir = await mkdtemp(path.join(tmpdir(), 'builds-ecosystem-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await install(dir);
    // The sources live in the project, so `apify-builds-client` resolves to the installed
    // package (never to this repository's src/ through its tsconfig paths).
    const src = path.join(dir, 'src');
    await mkdir(src);
    for (const file of SOURCES) await copyFile(path.join(here, file), path.join(src, file));
    const common: BuildOptions = {
      absWorkingDir: dir,
      bundle: true,
      target: 'es2022',
      logLevel: 'silent',
      metafile: true,
    };
    const files = {
      esm: path.join(dir, 'scenario.mjs'),
      cjs: path.join(dir, 'scenario.cjs'),
      token: path.join(dir, 'token.mjs'),
      worker: path.join(dir, 'worker.mjs'),
      browser: path.join(dir, 'page.js'),
    };
    const program = {
      ...common,
      entryPoints: [path.join(src, 'cli.ts')],
      platform: 'node' as const,
      packages: 'external' as const,
    };
    await build({ ...program, format: 'esm', outfile: files.esm });
    await build({ ...program, format: 'cjs', outfile: files.cjs });
    await build({
      ...program,
      entryPoints: [path.join(src, 'token.ts')],
      format: 'esm',
      outfile: files.token,
    });
    const worker = await build({
      ...common,
      entryPoints: [path.join(src, 'worker.ts')],
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      outfile: files.worker,
    });
    const page = await build({
      ...common,
      entryPoints: [path.join(src, 'browser.ts')],
      format: 'esm',
      platform: 'browser',
      outfile: files.browser,
    });
    return {
      dir,
      ...files,
      bundled: { worker: packageInputs(worker.metafile), browser: packageInputs(page.metafile) },
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
