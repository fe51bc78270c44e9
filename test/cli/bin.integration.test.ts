// The real `apify-builds` bin (dist/cli.js) in a child process: help and version, a list against
// the fake API, a real terminal (util-linux `script`) for the table and the prompt, Ctrl+C as
// SIGINT, and a reader that goes away.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../fake-api/server.js';
import { distPath } from '../../scripts/lib/paths.js';
import { CLI_TOKEN, history } from '../helpers/cli.js';

const BIN = path.join(distPath, 'cli.js');
const ACTOR = 'janedoe~my-actor';
let server: FakeApi | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command args` with `input` on stdin; `onStderr` sees stderr as it comes. */
function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  { input, onSpawn }: { input?: string; onSpawn?: (child: ReturnType<typeof spawn>) => void } = {},
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    onSpawn?.(child);
    if (input !== undefined) child.stdin.end(input);
  });
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** The bin on a real terminal: `script` gives it a pty for stdin, stdout and stderr. */
const inTerminal = (args: string[], env: Record<string, string>, input?: string) =>
  run(
    'script',
    ['-qefc', [process.execPath, BIN, ...args].map(shellQuote).join(' '), '/dev/null'],
    env,
    input === undefined ? {} : { input },
  );

describe('the apify-builds bin', () => {
  it('prints help and the version, and exits 2 without a command', async () => {
    const help = await run(process.execPath, [BIN, '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage\n  apify-builds <command> [flags]');
    const version = await run(process.execPath, [BIN, '-V'], {});
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const none = await run(process.execPath, [BIN], {});
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('Commands');
  });

  it('lists builds as TSV when piped, and exits 4 without a token, naming both sources', async () => {
    server = await startFakeApi({ builds: history(5), token: CLI_TOKEN });
    const env = { APIFY_TOKEN: CLI_TOKEN, APIFY_API_BASE_URL: server.url };
    const listed = await run(process.execPath, [BIN, 'ls', ACTOR, '-L', '2'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual([
      'build00004',
      'build00003',
      '',
    ]);
    const noToken = await run(process.execPath, [BIN, 'ls', ACTOR], {
      APIFY_API_BASE_URL: server.url,
    });
    expect(noToken.code).toBe(4);
    expect(noToken.stderr).toMatch(
      /^apify-builds: no API token: set APIFY_TOKEN, or log in with `apify login` \(which writes \/nonexistent-home\/\.apify\/auth\.json\)\n$/,
    );
    expect(server.recorded.filter((r) => r.headers.authorization === undefined)).toEqual([]);
  });

  it('draws a coloured table on a terminal', async () => {
    server = await startFakeApi({ builds: history(3, { 2: 'RUNNING' }), token: CLI_TOKEN });
    const out = await inTerminal(['ls', ACTOR], {
      APIFY_TOKEN: CLI_TOKEN,
      APIFY_API_BASE_URL: server.url,
      TERM: 'xterm',
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('\x1b[1mid\x1b[22m');
    expect(out.stdout).toContain('\x1b[36mRUNNING\x1b[39m');
  });

  it('asks on a terminal: y aborts, n exits 3 with nothing sent', async () => {
    server = await startFakeApi({ builds: history(3, { 2: 'RUNNING' }), token: CLI_TOKEN });
    const env = { APIFY_TOKEN: CLI_TOKEN, APIFY_API_BASE_URL: server.url, TERM: 'xterm' };
    const declined = await inTerminal(['abort', '--actor', ACTOR], env, 'n\n');
    expect(declined.code).toBe(3);
    expect(declined.stdout).toContain('Abort 1 build of janedoe~my-actor? [y/N]');
    expect(server.recorded.filter((r) => r.method === 'POST')).toEqual([]);
    const accepted = await inTerminal(['abort', '--actor', ACTOR], env, 'y\n');
    expect(accepted.code).toBe(0);
    expect(server.recorded.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/v2/actor-builds/build00002/abort',
    ]);
  });

  it('on SIGINT sends no new abort, finishes those in flight, prints them and exits 130', async () => {
    server = await startFakeApi({ builds: history(1), token: CLI_TOKEN });
    const s = server;
    let child: ReturnType<typeof spawn> | undefined;
    let afterSignal = 0;
    let signalled = false;
    s.override((req, res) => {
      const id = /\/v2\/actor-builds\/([^/]+)\/abort/.exec(req.url ?? '')?.[1];
      if (id === undefined) return 'next';
      if (signalled) afterSignal += 1;
      const body = JSON.stringify({
        data: { id, actId: 'a', status: 'ABORTING', startedAt: '2026-11-01T00:00:00.000Z' },
      });
      const inFlight = s.recorded.filter((r) => r.method === 'POST').length;
      if (inFlight === 2 && !signalled) {
        signalled = true;
        child?.kill('SIGINT');
      }
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body), 300);
      return undefined;
    });
    const ids = Array.from({ length: 8 }, (_, i) => `b${i}`);
    const exit = await run(
      process.execPath,
      [BIN, 'abort', ...ids, '--concurrency', '2'],
      { APIFY_TOKEN: CLI_TOKEN, APIFY_API_BASE_URL: s.url },
      {
        onSpawn: (c) => (child = c),
      },
    );
    expect(exit.code).toBe(130);
    expect(afterSignal).toBe(0);
    expect(
      exit.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t').slice(0, 3)),
    ).toEqual([
      ['b0', 'ABORTING', 'aborted'],
      ['b1', 'ABORTING', 'aborted'],
    ]);
    expect(exit.stderr).toContain('Interrupted: 6 not sent; aborted 2');
  });

  it('stops quietly when its reader goes away', async () => {
    server = await startFakeApi({ builds: history(3000), token: CLI_TOKEN });
    const env = { APIFY_TOKEN: CLI_TOKEN, APIFY_API_BASE_URL: server.url };
    const piped = await run(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" ls ${ACTOR} --all --page-size 100 | head -n 1`],
      env,
    );
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^build02999\t/);
    expect(piped.stderr).toBe('');
  });
});
