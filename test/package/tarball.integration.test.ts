// The package as a user gets it: `npm pack` (its prepack, prepare and postpack scripts included)
// in a copy of the repository, install the tarball into an empty project (offline, from local
// tarballs), import it from Node as ESM and with require() from CommonJS, compile a strict
// TypeScript consumer against its published types; and install it from a git URL, where only
// the `prepare` script builds dist/.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../fake-api/server.js';
import { run as runCommand, runNode } from '../../scripts/lib/process.js';
import { attwPath, publintPath } from '../../scripts/lib/tools.js';
import { sha512, writeConsumerProject } from '../helpers/consumer.js';
import { root } from '../helpers/project.js';

const TOKEN = 'package-test-token-3f9a';
let work: string;
let repo: string;
let tarball: string;
let installed: string;
let installOutput: string;
let server: FakeApi;

/** Runs a command to its end; rejects with its output when it fails. */
async function runBoth(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stdout: string; stderr: string }> {
  const result = await runCommand(command, args, { cwd, env });
  if (!result.ok)
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.output}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

const run = async (...args: Parameters<typeof runBoth>) => (await runBoth(...args)).stdout;

/** The JSON that `npm pack --json` prints among the output of the lifecycle scripts. */
const npmJson = (stdout: string): unknown => JSON.parse(/^[[{][\s\S]*^[\]}]$/m.exec(stdout)![0]);

const consumerOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  // The published declarations themselves must compile for a consumer.
  skipLibCheck: false,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
};

/** A strict consumer; each `@ts-expect-error` marks a line the published types must reject. */
const CONSUMER = `import {
  ApifyApiError,
  createBuildsClient,
  isTerminalStatus,
  type ActorJobStatus,
  type Build,
  type BuildShort,
  type BuildsPage,
} from 'apify-builds-client';

const client = createBuildsClient({ baseUrl: 'http://127.0.0.1:9', token: 'x', maxRetries: 0 });

export async function newest(actorId: string): Promise<BuildShort | undefined> {
  const page: BuildsPage = await client.listBuilds(actorId, { limit: 1, desc: true });
  const build = page.items[0];
  if (build === undefined) return undefined;
  const status: ActorJobStatus = build.status;
  // @ts-expect-error FINISHED is not a build status
  if (build.status === 'FINISHED') return undefined;
  return isTerminalStatus(status) ? build : undefined;
}

export async function total(actorId: string): Promise<number> {
  let count = 0;
  for await (const build of client.iterateBuilds(actorId, { pageSize: 100, maxItems: 500 })) {
    if (build.status === 'SUCCEEDED') count += 1;
  }
  for await (const page of client.iterateBuildPages(actorId, { desc: true })) count += page.count;
  return count;
}

export async function stop(actorId: string, buildId: string): Promise<Build['status']> {
  try {
    return (await client.abortBuild(buildId)).status;
  } catch (error) {
    if (error instanceof ApifyApiError) return error.status === 404 ? 'ABORTED' : 'FAILED';
    throw error;
  }
}

export async function raw(actorId: string): Promise<number | undefined> {
  const { data } = await client.raw.GET('/v2/acts/{actorId}/builds', { params: { path: { actorId }, query: { limit: 5 } } });
  return data?.data.total;
}

// @ts-expect-error limit is a number
void client.listBuilds('janedoe~my-actor', { limit: '10' });
// @ts-expect-error the list operation has no path parameter buildId
void client.raw.GET('/v2/acts/{actorId}/builds', { params: { path: { buildId: 'x' } } });
`;

function compile(source: string): { diagnostics: string[]; files: string[] } {
  const file = path.join(installed, 'consumer.ts');
  const host = ts.createCompilerHost(consumerOptions);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? source : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], consumerOptions, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
        : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  return { diagnostics, files: program.getSourceFiles().map((f) => f.fileName) };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'builds-package-'));
  // A git repository of the project's files as they are now (committed or not), without dist/.
  repo = path.join(work, 'repo');
  const files = (
    await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root)
  )
    .split('\0')
    .filter((file) => file && existsSync(path.join(root, file)));
  for (const file of files) {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await copyFile(path.join(root, file), path.join(repo, file));
  }
  expect(existsSync(path.join(repo, 'dist'))).toBe(false);
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], repo);
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'snapshot');
  // After the commit: the clone a git install makes has no node_modules.
  await symlink(path.join(root, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
  // `npm pack` as a maintainer runs it, lifecycle scripts included, in the copy (its own dist/).
  const packed = npmJson(
    await run('npm', ['pack', '--json', '--pack-destination', work], repo),
  ) as { filename: string }[];
  tarball = path.join(work, packed[0]!.filename);
  installed = path.join(work, 'consumer');
  await mkdir(installed);
  const spec = `file:${path.relative(installed, tarball)}`;
  const runtime = await writeConsumerProject(installed, spec, spec, await sha512(tarball));
  expect(runtime).toContain('node_modules/openapi-fetch');
  // --offline: everything comes from local tarballs; nothing leaves the machine. Install scripts
  // are allowed, as in a user's project: npm must have none to warn about.
  const { stdout, stderr } = await runBoth(
    'npm',
    ['ci', '--offline', '--no-audit', '--no-fund'],
    installed,
  );
  installOutput = `${stdout}${stderr}`;
  server = await startFakeApi({ buildCount: 1200 });
});

afterAll(async () => {
  await server.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('packed tarball', () => {
  it('passes publint, warnings included', async () => {
    const result = await runNode([publintPath, 'run', tarball, '--strict']);
    expect(result.code, result.output).toBe(0);
  });

  // ESM only: Node 20.19+ loads it with require() too (tested below), which attw does not model.
  it('passes attw for ESM consumers and bundlers', async () => {
    const result = await runNode([attwPath, tarball, '--profile', 'esm-only', '--format', 'ascii']);
    expect(result.code, result.output).toBe(0);
  });

  it('contains the build output, the generated types and the license, and nothing else', async () => {
    const listing = await run('tar', ['-tzf', tarball], work);
    const files = listing
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''))
      .sort();
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('generated/schema.d.ts');
    expect(files).toContain('LICENSE');
    expect(files).toContain('package.json');
    expect(
      files.filter(
        (f) =>
          !/^(dist\/(pagination\/)?[^/]+\.(js|d\.ts)|dist\/cli\/[^/]+\.js|generated\/schema\.d\.ts|LICENSE|README\.md|package\.json)$/.test(
            f,
          ),
      ),
    ).toEqual([]);
    const manifest = JSON.parse(
      await readFile(
        path.join(installed, 'node_modules', 'apify-builds-client', 'package.json'),
        'utf8',
      ),
    ) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
  });

  it('ships a package.json without the prepare script, and leaves the repository with it', async () => {
    type Manifest = { scripts: Record<string, string> } & Record<string, unknown>;
    const packed = JSON.parse(
      await run('tar', ['-xzOf', tarball, 'package/package.json'], work),
    ) as Manifest;
    const source = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as Manifest;
    expect(source.scripts.prepare).toBe('tsx scripts/build.ts');
    expect(packed.scripts.prepare).toBeUndefined();
    const { prepare: _, ...otherScripts } = source.scripts;
    expect(packed).toEqual({ ...source, scripts: otherScripts });
    expect(existsSync(path.join(repo, '.cache', 'package.json'))).toBe(false);
  });

  it('installs in an empty project without a warning', () => {
    expect(installOutput).not.toMatch(/warn|install-scripts|allowScripts/i);
    expect(installOutput).toMatch(/added \d+ packages/);
  });

  it('lists in `npm publish --dry-run` exactly the files `npm pack` ships', async () => {
    const published = npmJson(await run('npm', ['publish', '--dry-run', '--json'], repo)) as Record<
      string,
      { files: { path: string }[] }
    >;
    const listing = (await run('tar', ['-tzf', tarball], work))
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''))
      .sort();
    expect(published['apify-builds-client']!.files.map((f) => f.path).sort()).toEqual(listing);
  });

  it('imports in Node as ESM and talks to a server', async () => {
    const script = `
      import * as api from 'apify-builds-client';
      const client = api.createBuildsClient({ baseUrl: process.env.BASE_URL, maxRetries: 0 });
      const page = await client.listBuilds(process.env.ACTOR, { limit: 3, desc: true });
      let walked = 0;
      for await (const build of client.iterateBuilds(process.env.ACTOR)) walked += 1;
      let error;
      try { await client.listBuilds('nobody~nothing'); } catch (e) { error = e; }
      console.log(JSON.stringify({
        resolved: import.meta.resolve('apify-builds-client'),
        exports: Object.keys(api).sort(),
        count: page.count, desc: page.desc, walked,
        error: { name: error?.name, isApiError: error instanceof api.ApifyApiError, status: error?.status, type: error?.type, message: error?.message },
        terminal: [api.isTerminalStatus('SUCCEEDED'), api.isTerminalStatus('RUNNING')],
      }));`;
    const output = await run(process.execPath, ['--input-type=module', '-e', script], installed, {
      ...process.env,
      BASE_URL: server.url,
      ACTOR: server.actor.name,
      APIFY_TOKEN: TOKEN,
    });
    const result = JSON.parse(output) as { resolved: string; exports: string[]; error: unknown };
    expect(result.resolved).toBe(
      `file://${path.join(installed, 'node_modules', 'apify-builds-client', 'dist', 'index.js')}`,
    );
    expect(result.exports).toEqual(
      expect.arrayContaining([
        'ApifyApiError',
        'ApifyNetworkError',
        'ApifyTimeoutError',
        'createBuildsClient',
        'isTerminalStatus',
      ]),
    );
    expect(result).toMatchObject({ count: 3, desc: true, walked: 1200, terminal: [true, false] });
    expect(result.error).toMatchObject({
      name: 'ApifyApiError',
      isApiError: true,
      status: 404,
      type: 'record-not-found',
    });
    expect(output).not.toContain(TOKEN);
  });

  it('runs the apify-builds bin with npx: help, version, and a list from a server', async () => {
    const manifest = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
      version: string;
    };
    const env = { ...process.env, APIFY_TOKEN: TOKEN, APIFY_API_BASE_URL: server.url };
    const help = await runBoth('npx', ['--offline', 'apify-builds', '--help'], installed, env);
    expect(help.stdout).toMatch(/^Lists, aborts in bulk/);
    expect(help.stdout).toContain('Exit codes');
    const version = await runBoth(
      'npx',
      ['--offline', 'apify-builds', '--version'],
      installed,
      env,
    );
    expect(version.stdout).toBe(`${manifest.version}\n`);
    const listed = await runBoth(
      'npx',
      ['--offline', 'apify-builds', 'ls', server.actor.name, '--limit', '3'],
      installed,
      env,
    );
    const ids = server
      .builds()
      .slice(-3)
      .reverse()
      .map((b) => b.id);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(ids);
    expect(`${listed.stdout}${listed.stderr}`).not.toContain(TOKEN);
  });

  it('loads with require() from a CommonJS consumer (the default export condition)', async () => {
    const script = `
      const api = require('apify-builds-client');
      const client = api.createBuildsClient({ baseUrl: process.env.BASE_URL, maxRetries: 0 });
      client.listBuilds(process.env.ACTOR, { limit: 2 }).then((page) => {
        console.log(JSON.stringify({
          resolved: require.resolve('apify-builds-client'),
          count: page.count,
          total: page.total,
          terminal: api.isTerminalStatus('ABORTED'),
        }));
      });`;
    const output = await run(process.execPath, ['--input-type=commonjs', '-e', script], installed, {
      ...process.env,
      BASE_URL: server.url,
      ACTOR: server.actor.name,
    });
    expect(JSON.parse(output)).toEqual({
      resolved: path.join(installed, 'node_modules', 'apify-builds-client', 'dist', 'index.js'),
      count: 2,
      total: 1200,
      terminal: true,
    });
  });

  it('type-checks a strict NodeNext consumer against the published declarations', () => {
    const { diagnostics, files } = compile(CONSUMER);
    expect(diagnostics).toEqual([]);
    const published = path.join(installed, 'node_modules', 'apify-builds-client');
    expect(files).toContain(path.join(published, 'dist', 'index.d.ts'));
    expect(files).toContain(path.join(published, 'generated', 'schema.d.ts'));
    expect(files.some((f) => f.startsWith(path.join(root, 'src')))).toBe(false);
  });

  it('rejects each marked line once its @ts-expect-error is removed', () => {
    const marked = CONSUMER.split('\n').filter((line) => line.includes('@ts-expect-error')).length;
    expect(marked).toBe(3);
    const { diagnostics } = compile(CONSUMER.replaceAll(/^\s*\/\/ @ts-expect-error.*\n/gm, ''));
    expect(diagnostics).toHaveLength(marked);
    expect(diagnostics.join('\n')).toMatch(
      /TS2367: This comparison appears to be unintentional .*'"FINISHED"'/,
    );
  });
});

describe('install from a git URL', () => {
  let consumer: string;

  beforeAll(async () => {
    const git = (...args: string[]) => run('git', args, repo);
    const sha = (await git('rev-parse', 'HEAD')).trim();
    consumer = path.join(work, 'git-consumer');
    await mkdir(consumer);
    const url = `git+file://${repo}`;
    await writeConsumerProject(consumer, url, `${url}#${sha}`);
    // npm clones the repository, installs its devDependencies from the npm cache and runs
    // `prepare`; --offline: nothing leaves the machine.
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], consumer);
  });

  it('runs prepare, so the installed package has dist/ and imports', async () => {
    const installedPackage = path.join(consumer, 'node_modules', 'apify-builds-client');
    expect(existsSync(path.join(installedPackage, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(path.join(installedPackage, 'dist', 'index.d.ts'))).toBe(true);
    const output = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { createBuildsClient } from 'apify-builds-client'; const page = await createBuildsClient({ baseUrl: process.env.BASE_URL, maxRetries: 0 }).listBuilds(process.env.ACTOR, { limit: 1 }); console.log(page.total);",
      ],
      consumer,
      { ...process.env, BASE_URL: server.url, ACTOR: server.actor.name },
    );
    expect(output.trim()).toBe('1200');
  });
});
