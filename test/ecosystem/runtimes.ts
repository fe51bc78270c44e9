// Runs the scenario on each runtime and hands back its report. Every runtime comes from
// runtimes/node_modules (bun, deno, miniflare's workerd; scripts/lib/runtimes.ts) or the machine
// (Chromium); none downloads anything, and one that cannot start is an error saying which and why.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runtimeBin as bin, runtimesDir } from '../../scripts/lib/runtimes.js';
import { launchChrome } from '../helpers/find-chrome.js';
import { bundle, type Bundle, type ScenarioProject } from './project.js';
import type { ScenarioConfig, ScenarioReport } from './scenario.js';

/** The part of miniflare's API the tests use (its types live in runtimes/, outside the check). */
interface Miniflare {
  ready: Promise<unknown>;
  dispatchFetch(
    url: string,
    init: { method: string; body: string },
  ): Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  dispose(): Promise<void>;
}
type MiniflareClass = new (options: {
  modules: boolean;
  script: string;
  compatibilityDate: string;
}) => Miniflare;

/** miniflare from runtimes/node_modules, loaded when the first Worker runs. */
async function loadMiniflare(): Promise<MiniflareClass> {
  const entry = createRequire(path.join(runtimesDir, 'package.json')).resolve('miniflare');
  const module = (await import(pathToFileURL(entry).href)) as { Miniflare: MiniflareClass };
  return module.Miniflare;
}

/** What the runtime printed, with how it ended, for a failure message. */
function spawnJson<T = ScenarioReport>(
  what: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { ...options, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const how =
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? `could not start ${command} (not installed? run npm run ecosystem:install)`
              : `exited with ${error.code ?? error.signal}`;
          reject(new Error(`${what}: ${how}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as T);
        } catch {
          reject(
            new Error(
              `${what}: printed no JSON report\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
            ),
          );
        }
      },
    );
  });
}

/** The environment of a runtime's process: PATH and HOME, and APIFY_TOKEN. */
function environment(token: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    APIFY_TOKEN: token,
    ...extra,
  };
  return env;
}

export function runNode(
  project: ScenarioProject,
  format: 'esm' | 'cjs',
  config: ScenarioConfig,
): Promise<ScenarioReport> {
  return spawnJson(
    `Node.js (${format})`,
    process.execPath,
    [project[format], JSON.stringify(config)],
    { cwd: project.dir, env: environment(config.token) },
  );
}

export function runBun(project: ScenarioProject, config: ScenarioConfig): Promise<ScenarioReport> {
  // --no-install: never fetch a missing package, use node_modules as it is.
  return spawnJson('Bun', bin('bun'), ['--no-install', project.esm, JSON.stringify(config)], {
    cwd: project.dir,
    env: environment(config.token),
  });
}

/** The only permissions the scenario needs on Deno: the API's host and port, and APIFY_TOKEN. */
export function denoPermissions(baseUrl: string): string[] {
  return [`--allow-net=${new URL(baseUrl).host}`, '--allow-env=APIFY_TOKEN'];
}

/**
 * Runs `program` (the scenario by default) on Deno with only `permissions`, `config` as its
 * argument and APIFY_TOKEN set to `envToken` (the config's token by default).
 */
export function runDeno<T = ScenarioReport>(
  project: ScenarioProject,
  config: Partial<ScenarioConfig>,
  {
    permissions = denoPermissions(config.baseUrl!),
    program = project.esm,
    envToken = config.token!,
  }: { permissions?: string[]; program?: string; envToken?: string } = {},
): Promise<T> {
  // --cached-only: fail rather than download anything; --no-prompt: a missing permission throws.
  return spawnJson<T>(
    `Deno (${permissions.join(' ')})`,
    bin('deno'),
    ['run', '--cached-only', '--no-prompt', ...permissions, program, JSON.stringify(config)],
    {
      cwd: project.dir,
      env: environment(envToken, {
        DENO_DIR: path.join(project.dir, '.deno'),
        DENO_NO_UPDATE_CHECK: '1',
      }),
    },
  );
}

export async function runWorkerd(
  project: ScenarioProject,
  config: ScenarioConfig,
): Promise<{ report: ScenarioReport; bundle: Bundle }> {
  const worker = await bundle(project, 'worker');
  let mf: Miniflare;
  try {
    const Miniflare = await loadMiniflare();
    mf = new Miniflare({
      modules: true,
      script: await readFile(worker.file, 'utf8'),
      compatibilityDate: '2026-07-01',
    });
    await mf.ready;
  } catch (error) {
    throw new Error(`workerd (miniflare) could not start: ${String(error)}`, { cause: error });
  }
  try {
    const response = await mf.dispatchFetch('http://scenario.local/', {
      method: 'POST',
      body: JSON.stringify(config),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`workerd: the Worker answered ${response.status}: ${text}`);
    return { report: JSON.parse(text) as ScenarioReport, bundle: worker };
  } finally {
    await mf.dispose();
  }
}

/**
 * Serves the page on its own loopback origin (the API is on another, so every call is
 * cross-origin) and runs the scenario in headless Chromium. Resolves to the report and the
 * browser's version.
 */
export async function runChromium(
  project: ScenarioProject,
  config: ScenarioConfig,
): Promise<{ report: ScenarioReport; bundle: Bundle; version: string }> {
  const page = await bundle(project, 'browser');
  const script = await readFile(page.file);
  const html =
    '<!doctype html><meta charset="utf-8"><title>scenario</title><script type="module" src="/page.js"></script>';
  const site = createServer((req, res) => {
    if (req.url === '/page.js')
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  let browser;
  try {
    browser = await launchChrome();
  } catch (error) {
    site.closeAllConnections();
    site.close();
    throw new Error(`Chromium could not start: ${String(error)}`, { cause: error });
  }
  const problems: string[] = [];
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => 'runScenario' in globalThis, undefined, { timeout: 15_000 });
    const report = await tab.evaluate(
      (cfg) =>
        (globalThis as unknown as { runScenario: (c: unknown) => Promise<unknown> }).runScenario(
          cfg,
        ),
      config,
    );
    if (problems.length) throw new Error(`Chromium: ${problems.join('\n')}`);
    return { report: report as ScenarioReport, bundle: page, version: browser.version() };
  } finally {
    await browser.close();
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  }
}

/** `<binary> --version`, first line; an error naming the binary when it does not run. */
export function versionOf(name: string, args = ['--version']): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin(name), args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${name} ${args.join(' ')} did not run (${error.message}): ${stderr}`));
      else resolve(stdout.split('\n')[0]!.trim());
    });
  });
}
