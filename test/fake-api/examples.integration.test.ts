// Each example in examples/ runs as a user runs it (`npm run example <name>`) against the fake
// API, with the base URL and token from the environment (APIFY_API_BASE_URL, APIFY_TOKEN).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it, onTestFinished } from 'vitest';
import { startFakeApi, type FakeApi, type FakeApiOptions } from '../../fake-api/server.js';
import { runScript, scriptArgs } from '../../scripts/lib/process.js';

const TOKEN = 'apify_api_exampleTokenMustNotLeak';
let server: FakeApi | undefined;
let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'builds-examples-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(scratch, { recursive: true, force: true });
});

async function start(options: FakeApiOptions = {}): Promise<FakeApi> {
  server = await startFakeApi({ token: TOKEN, ...options });
  return server;
}

interface Example {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Runs `npm run example <name>` (the script itself) in its own process group; `whenPrinted`
 * sees the output so far and may send Ctrl+C (SIGINT to the group, as a terminal does).
 */
function example(
  name: string,
  env: NodeJS.ProcessEnv = {},
  whenPrinted?: (output: string, interrupt: () => void) => void,
  args: string[] = [],
): Promise<Example> {
  const child = spawn(process.execPath, scriptArgs('example', [name, ...args]), {
    cwd: scratch,
    detached: true,
    env: { ...process.env, APIFY_API_BASE_URL: server!.url, APIFY_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const interrupt = () => process.kill(-child.pid!, 'SIGINT');
  // Whatever the test's outcome, nothing of the example outlives it.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      whenPrinted?.(output, interrupt);
    });
  }
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      resolve({ code, signal, output });
    }),
  );
}

function expectSuccess(result: Example): void {
  expect(result.code, result.output).toBe(0);
  expect(result.output).not.toContain(TOKEN);
}

it('list-page prints the newest ten builds', async () => {
  const s = await start({ buildCount: 30 });
  const result = await example('list-page');
  expectSuccess(result);
  const newest = s.builds().slice(-10).reverse();
  expect(result.output).toContain('janedoe~my-actor: the newest 10 of 30 builds');
  const ids = [...result.output.matchAll(/^(\w{17}) {2}/gm)].map((m) => m[1]);
  expect(ids).toEqual(newest.map((b) => b.id));
});

it('list-page reports an unknown Actor as an API error', async () => {
  await start();
  const result = await example('list-page', {}, undefined, ['nobody~nothing']);
  expect(result.code, result.output).toBe(1);
  expect(result.output).toMatch(/^404 record-not-found: /m);
});

it('walk-with-checkpoints stops, then resumes where it left off and sees every build once', async () => {
  await start({ buildCount: 1700 });
  const env = { CHECKPOINT_FILE: path.join(scratch, 'checkpoint.json'), STOP_AFTER_PAGES: '2' };
  const first = await example('walk-with-checkpoints', env);
  expectSuccess(first);
  expect(first.output).toContain('starting from the oldest build');
  expect(first.output).toContain('builds 501-1000 of 1700; checkpoint at 1000');
  expect(first.output).toContain('stopped after 2 pages');
  expect(JSON.parse(await readFile(env.CHECKPOINT_FILE, 'utf8'))).toEqual({ offset: 1000 });

  const second = await example('walk-with-checkpoints', { ...env, STOP_AFTER_PAGES: '' });
  expectSuccess(second);
  expect(second.output).toContain('resuming at offset 1000');
  expect([...second.output.matchAll(/^builds (\d+)-(\d+) of 1700/gm)].map((m) => m[1])).toEqual([
    '1001',
    '1501',
  ]);
  // The second run counted the 700 builds it read.
  const done = /^done: (.*)$/m.exec(second.output)?.[1] ?? '';
  const counts = [...done.matchAll(/[A-Z-]+ (\d+)/g)].map((m) => Number(m[1]));
  expect(
    counts.reduce((sum, n) => sum + n, 0),
    second.output,
  ).toBe(700);
});

it('abort-running aborts every build still going and nothing else', async () => {
  const s = await start({
    builds: [
      { status: 'SUCCEEDED' },
      { status: 'RUNNING', runTicks: 1_000 },
      { status: 'FAILED' },
      { status: 'READY', readyTicks: 1_000 },
    ],
  });
  const [, running, , ready] = s.builds();
  const result = await example('abort-running');
  expectSuccess(result);
  const aborted = [...result.output.matchAll(/^abort (\w{17}): now (\S+)$/gm)].map((m) => [
    m[1],
    m[2],
  ]);
  expect(aborted).toEqual([
    [ready!.id, 'ABORTING'],
    [running!.id, 'ABORTING'],
  ]);
  // The last abort is still ABORTING: no request has ticked the fake's clock since.
  expect(s.builds().map((b) => b.status)).toEqual(['SUCCEEDED', 'ABORTING', 'FAILED', 'ABORTED']);
});

it('cancel-on-ctrl-c stops the walk on Ctrl+C with the reason', async () => {
  await start({ buildCount: 2000 });
  let interrupted = false;
  const result = await example('cancel-on-ctrl-c', {}, (output, interrupt) => {
    if (!interrupted && /^20 of 2000 builds$/m.test(output)) {
      interrupted = true;
      interrupt();
    }
  });
  expect(interrupted, result.output).toBe(true);
  expect(result.code, result.output).toBe(130);
  expect(result.output).toMatch(/^stopped after \d+ builds: cancelled with Ctrl\+C$/m);
  expect(result.output).not.toMatch(/^done:/m);
});

it('abort-running finds a build to abort again soon after the last one was aborted', async () => {
  const s = await start({
    builds: [{ status: 'SUCCEEDED' }, { status: 'RUNNING', runTicks: 1_000 }],
    refillMs: 50,
  });
  const first = await example('abort-running');
  expectSuccess(first);
  expect([...first.output.matchAll(/^abort (\w{17}): now ABORTING$/gm)]).toHaveLength(1);
  for (let waited = 0; s.builds().length < 3 && waited < 5_000; waited += 20) await sleep(20);
  const second = await example('abort-running');
  expectSuccess(second);
  const fresh = s.builds()[2]!;
  expect(second.output).toContain(`abort ${fresh.id}: now ABORTING`);
  expect(second.output).not.toContain('no running builds');
});

it('npm run example without a name lists every example, with what it does', async () => {
  const names = (await readdir(path.join(import.meta.dirname, '..', '..', 'examples')))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -3))
    .sort();
  const { code, stdout, output } = await runScript('example', [], { timeout: 60_000 });
  expect(code, output).toBe(0);
  const listed = [...stdout.matchAll(/^ {2}([\w-]+) +(\S.*)$/gm)].map((m) => m[1]);
  expect(listed).toEqual(names);
  expect(stdout).toContain("list-page              One page of an Actor's builds, newest first.");
  expect(stdout).toContain('APIFY_API_BASE_URL=http://127.0.0.1:4010 npm run example <name>');
  const unknown = await runScript('example', ['list-pages'], { timeout: 60_000 });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('example: no example "list-pages"; there are:\n  abort-running');
});
