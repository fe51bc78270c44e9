// `npm run mock` in its own process: what it says when its port is taken or its arguments are
// wrong, the token it demands with --token, what it prints to point a client at it, and the
// README's minimal project run against it with the two variables it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.js';
import { runNode, runScript, scriptArgs } from '../../scripts/lib/process.js';
import { startFakeApi, type FakeApi } from '../../fake-api/server.js';

const TOKEN = 'mock-token-of-the-test';

let server: FakeApi | undefined;
const children: ChildProcess[] = [];
const scratch: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<FakeApi> {
  server = await startFakeApi();
  return server;
}

/** `npm run mock -- args` on a free port; resolves with its URL once it has printed its usage. */
async function mock(args: string[]): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, scriptArgs('mock', args), {
    cwd: root,
    env: { ...process.env, PORT: '0', APIFY_TOKEN: 'env-token-must-not-show' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        // The whole banner is out once the line about the other routes is.
        const found = /^Fake Apify builds API on (http:\S+)[\s\S]*legacy \/v2\/acts\/ routes/m.exec(
          output,
        );
        if (found) resolve(found[1]!);
      });
    }
    child.on('exit', (code) => reject(new Error(`npm run mock exited with ${code}:\n${output}`)));
  });
  return { url, output: () => output };
}

const listStatus = async (url: string, authorization?: string): Promise<number> => {
  const response = await fetch(`${url}/v2/actors/janedoe~my-actor/builds?limit=1`, {
    headers: authorization === undefined ? {} : { authorization },
  });
  await response.body?.cancel();
  return response.status;
};

/**
 * The README's minimal project: its index.ts, importing the package built in dist/, beside the
 * landing page's example as landing.js.
 */
async function readmeProject(): Promise<string> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const source = /Write `index\.ts`:\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(source, 'README: the code block after "Write `index.ts`:"').toBeDefined();
  const dir = await mkdtemp(path.join(tmpdir(), 'builds-readme-project-'));
  scratch.push(dir);
  // The block has no type annotations: as JavaScript it is what `npx tsc` writes to index.js.
  await writeFile(path.join(dir, 'index.js'), source!);
  // The landing page's first example, plain JavaScript too.
  await writeFile(
    path.join(dir, 'landing.js'),
    await readFile(path.join(root, 'spec', 'samples', 'list-builds.ts'), 'utf8'),
  );
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(root, path.join(dir, 'node_modules', 'apify-builds-client'), 'dir');
  return dir;
}

describe('npm run mock', () => {
  it('says in one line that the port is busy, without a stack', async () => {
    const s = await start();
    const { code, stdout, stderr } = await runScript('mock', [], {
      env: { ...process.env, PORT: String(s.port) },
    });
    expect(code, `${stdout}${stderr}`).toBe(1);
    expect(stderr.trim()).toBe(
      `mock: port ${s.port} on 127.0.0.1 is already in use (is another fake API running?); pick another with PORT=…`,
    );
    expect(stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
  });

  it.each([
    [['--tokn', TOKEN], "Unknown option '--tokn'"],
    [['--token'], "Option '--token <value>' argument missing"],
    [['--token', 'two words'], '--token must be a non-empty token of printable characters'],
    [['extra'], "Unexpected argument 'extra'"],
  ])('rejects %j with exit 2 and its usage', async (args, problem) => {
    const { code, stdout, stderr } = await runScript('mock', args, {
      env: { ...process.env, PORT: '0' },
      timeout: 60_000,
    });
    expect(code, `${stdout}${stderr}`).toBe(2);
    expect(stderr).toContain(`mock: ${problem}`);
    expect(stderr).toContain('usage: npm run mock [-- --token <token>]');
    expect(stdout).toBe('');
  });

  it('without --token takes any token or none, and says how to point a client at it', async () => {
    const { url, output } = await mock([]);
    expect(output()).toContain(`Fake Apify builds API on ${url} (any Bearer token or none;`);
    expect(output()).toContain(`\n  export APIFY_API_BASE_URL=${url}\n`);
    expect(output()).toContain('\n  export APIFY_TOKEN=<any token>');
    expect(await listStatus(url)).toBe(200);
    expect(await listStatus(url, 'Bearer whatever')).toBe(200);
    expect(output()).not.toContain('env-token-must-not-show');
  });

  it('with --token demands that token, and prints the variables but not the token', async () => {
    const { url, output } = await mock(['--token', TOKEN]);
    expect(output()).toContain(`Fake Apify builds API on ${url} (only the token given to --token;`);
    expect(output()).toContain(`\n  export APIFY_API_BASE_URL=${url}\n`);
    expect(output()).toContain('\n  export APIFY_TOKEN=<the token given to --token>\n');
    expect(await listStatus(url, `Bearer ${TOKEN}`)).toBe(200);
    expect(await listStatus(url, 'Bearer another-token')).toBe(401);
    expect(await listStatus(url)).toBe(401);
    const abort = await fetch(`${url}/v2/actor-builds/no-such-build/abort`, { method: 'POST' });
    expect(abort.status).toBe(401);
    expect(await abort.json()).toMatchObject({ error: { type: 'invalid-token' } });
    expect(output()).not.toContain(TOKEN);
    expect(output()).not.toContain('env-token-must-not-show');
  });

  it("runs the README's minimal project and the landing page's example with the two variables: the token, a wrong one, none", async () => {
    const { url, output } = await mock(['--token', TOKEN]);
    const project = await readmeProject();
    const env: NodeJS.ProcessEnv = { ...process.env, APIFY_API_BASE_URL: url };
    delete env['APIFY_TOKEN'];

    const right = await runNode(['index.js'], {
      cwd: project,
      env: { ...env, APIFY_TOKEN: TOKEN },
    });
    expect(right.code, right.output).toBe(0);
    const lines = right.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(/^\w{17} (READY|RUNNING|SUCCEEDED|FAILED|ABORTED|TIMED-OUT) \S+Z$/);
    expect(output()).toMatch(
      /GET \/v2\/actors\/janedoe~my-actor\/builds\?limit=3&desc=true -> 200/,
    );

    const landing = await runNode(['landing.js'], {
      cwd: project,
      env: { ...env, APIFY_TOKEN: TOKEN },
    });
    expect(landing.code, landing.output).toBe(0);
    expect(landing.stdout).toMatch(/^10 of 25\d\d builds\n/);

    const wrong = await runNode(['index.js'], {
      cwd: project,
      env: { ...env, APIFY_TOKEN: 'a-wrong-token' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      'ApifyApiError: 401 invalid-token: Authentication token is not valid. (GET /v2/actors/janedoe~my-actor/builds)',
    );
    expect(wrong.stderr).not.toContain('a-wrong-token');

    const none = await runNode(['index.js'], { cwd: project, env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      'ApifyApiError: 401 invalid-token: Authentication token is not valid. No token was sent: pass `token` or set APIFY_TOKEN. (GET /v2/actors/janedoe~my-actor/builds)',
    );
  });
});
