// `apify-builds abort`: by ids and by Actor, the plan and its confirmation, the pool, failures,
// Ctrl+C and --wait, run in this process against the fake API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeApi, type BuildSeed, type FakeApi } from '../../fake-api/server.js';
import { CLI_TOKEN, cli, history, ndjsonRecords, type CliOptions } from '../helpers/cli.js';

const ACTOR = 'janedoe~my-actor';
let server: FakeApi | undefined;
let env: Record<string, string>;

async function start(builds: BuildSeed[]): Promise<FakeApi> {
  server = await startFakeApi({ builds, token: CLI_TOKEN });
  env = { APIFY_TOKEN: CLI_TOKEN, APIFY_API_BASE_URL: server.url };
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const abort = (argv: string[], options: CliOptions = {}) =>
  cli(['abort', ...argv], { env, ...options });
const aborts = (s: FakeApi) => s.recorded.filter((r) => r.method === 'POST').map((r) => r.url);
// Lines end with a tab when the last column (error) is empty: split, do not trim.
const tsv = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));

/** A build as the abort answers it, for servers that answer by hand. */
function answerAbort(res: ServerResponse, id: string, status = 'ABORTING', delayMs = 0): void {
  const body = JSON.stringify({
    data: {
      id,
      actId: 'actor-id',
      status,
      startedAt: '2026-11-01T00:00:00.000Z',
      buildNumber: '0.1.1',
    },
  });
  setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body), delayMs);
}
const buildIdOf = (req: IncomingMessage) =>
  /\/v2\/actor-builds\/([^/]+)\/abort/.exec(req.url ?? '')?.[1];

describe('abort <buildId>...', () => {
  it('aborts each id through /v2/actor-builds/{id}/abort, results in the order given', async () => {
    const s = await start(history(6, { 1: 'RUNNING', 3: 'READY', 4: 'ABORTED' }));
    const ids = ['build00003', 'build00000', 'build00001', 'build00004'];
    const run = await abort(ids);
    expect(run.code).toBe(0);
    expect(tsv(run.stdout)).toEqual([
      ['build00003', 'ABORTING', 'aborted', ''],
      ['build00000', 'SUCCEEDED', 'already-finished', ''],
      ['build00001', 'ABORTING', 'aborted', ''],
      ['build00004', 'ABORTED', 'aborted', ''],
    ]);
    expect(aborts(s).sort()).toEqual(ids.map((id) => `/v2/actor-builds/${id}/abort`).sort());
    expect(run.stderr).toBe('Aborted 3, already finished 1, failed 0 (of 4).\n');
    expect((await abort([...ids, '-q'])).stderr).toBe('');
  });

  it('takes the alias cancel, --json and --ndjson', async () => {
    await start(history(3, { 2: 'RUNNING' }));
    const json = await cli(['cancel', 'build00002', 'nope', '--json'], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      { id: 'build00002', status: 'ABORTING', result: 'aborted' },
      {
        id: 'nope',
        status: null,
        result: 'failed',
        error: expect.stringMatching(
          /^404 record-not-found: .*\(POST \/v2\/actor-builds\/nope\/abort\)$/,
        ),
      },
    ]);
    const ndjson = await abort(['build00001', 'build00000', '--ndjson']);
    expect(ndjsonRecords(ndjson.stdout)).toEqual(
      expect.arrayContaining([
        { id: 'build00001', status: 'SUCCEEDED', result: 'already-finished' },
        { id: 'build00000', status: 'SUCCEEDED', result: 'already-finished' },
      ]),
    );
  });

  it('keeps going after a 500 on one target, then exits 1', async () => {
    const s = await start(history(5, { 0: 'RUNNING', 1: 'RUNNING', 2: 'RUNNING', 3: 'RUNNING' }));
    s.override((req, res) => {
      if (buildIdOf(req) !== 'build00001') return 'next';
      res
        .writeHead(500, { 'Content-Type': 'application/json' })
        .end('{"error":{"type":"internal-server-error","message":"Boom."}}');
      return undefined;
    });
    const run = await abort(['build00000', 'build00001', 'build00002', 'build00003'], {
      client: { maxRetries: 2 },
    });
    expect(run.code).toBe(1);
    expect(tsv(run.stdout)).toEqual([
      ['build00000', 'ABORTING', 'aborted', ''],
      [
        'build00001',
        '',
        'failed',
        '500 internal-server-error: Boom. (POST /v2/actor-builds/build00001/abort, after 3 attempts)',
      ],
      ['build00002', 'ABORTING', 'aborted', ''],
      ['build00003', 'ABORTING', 'aborted', ''],
    ]);
    expect(run.stderr).toContain('Aborted 3, already finished 0, failed 1 (of 4).');
    const statuses = s.builds().map((b) => b.status);
    expect(statuses[1]).toBe('RUNNING');
    for (const i of [0, 2, 3]) expect(statuses[i]).toMatch(/^ABORT(ING|ED)$/);
  });

  it('stops at once on a 401 (exit 4), sending nothing more', async () => {
    const s = await start(
      history(8, Object.fromEntries([...Array(8).keys()].map((i) => [i, 'RUNNING'] as const))),
    );
    s.override((req, res) => {
      if (buildIdOf(req) !== 'build00001') return 'next';
      res
        .writeHead(401, { 'Content-Type': 'application/json' })
        .end(`{"error":{"type":"invalid-token","message":"Bad token ${CLI_TOKEN}"}}`);
      return undefined;
    });
    const ids = [...Array(8).keys()].map((i) => `build0000${i}`);
    const run = await abort([...ids, '--concurrency', '1']);
    expect(run.code).toBe(4);
    expect(aborts(s)).toHaveLength(2);
    expect(run.stderr).toMatch(/^apify-builds: 401 invalid-token: Bad token \*\*\*/m);
    expect(`${run.stdout}${run.stderr}`).not.toContain(CLI_TOKEN);
  });

  it('never has more than --concurrency aborts in flight', async () => {
    const ids = [...Array(12).keys()].map((i) => `b${i}`);
    for (const concurrency of [1, 3]) {
      const s = await start(history(1));
      let inFlight = 0;
      let most = 0;
      s.override((req, res) => {
        const id = buildIdOf(req);
        if (id === undefined) return 'next';
        inFlight += 1;
        most = Math.max(most, inFlight);
        res.on('finish', () => (inFlight -= 1));
        answerAbort(res, id, 'ABORTING', 15);
        return undefined;
      });
      const run = await abort([...ids, '--concurrency', String(concurrency)]);
      expect(run.code).toBe(0);
      expect(most).toBe(concurrency);
      expect(tsv(run.stdout).map((row) => row[0])).toEqual(ids);
      await s.close();
      server = undefined;
    }
  });

  it('on Ctrl+C sends no new abort, lets those in flight finish, prints results and a summary, exit 130', async () => {
    const s = await start(history(1));
    const controller = new AbortController();
    const ids = [...Array(10).keys()].map((i) => `b${i}`);
    let received = 0;
    let afterInterrupt = 0;
    s.override((req, res) => {
      const id = buildIdOf(req);
      if (id === undefined) return 'next';
      if (controller.signal.aborted) afterInterrupt += 1;
      received += 1;
      // Both workers wait for an answer: nothing else is on its way when Ctrl+C comes.
      if (received === 2) controller.abort(new Error('interrupted'));
      answerAbort(res, id, 'ABORTING', 40);
      return undefined;
    });
    const run = await abort([...ids, '--concurrency', '2'], { signal: controller.signal });
    expect(run.code).toBe(130);
    expect(afterInterrupt).toBe(0);
    expect(received).toBe(2);
    expect(tsv(run.stdout)).toEqual(ids.slice(0, 2).map((id) => [id, 'ABORTING', 'aborted', '']));
    expect(run.stderr).toContain(
      'Interrupted: 8 not sent; aborted 2, already finished 0, failed 0 (of 10).',
    );
  });
});

describe('abort --actor', () => {
  /** 3,000 builds: an old RUNNING one deep in the list, a READY one and RUNNING ones near the end. */
  const BIG = history(3000, {
    17: 'RUNNING',
    1500: 'FAILED',
    2990: 'READY',
    2998: 'RUNNING',
    2999: 'ABORTING',
  });
  const TARGETS = ['build02998', 'build02990', 'build00017'];

  it('aborts exactly the unfinished builds, an old RUNNING one deep in the list included', async () => {
    const s = await start(BIG);
    const run = await abort(['--actor', ACTOR, '--yes']);
    expect(run.code).toBe(0);
    expect(tsv(run.stdout)).toEqual(TARGETS.map((id) => [id, 'ABORTING', 'aborted', '']));
    expect(aborts(s).sort()).toEqual(TARGETS.map((id) => `/v2/actor-builds/${id}/abort`).sort());
    // The plan: a table of the targets and the question, on stderr.
    expect(run.stderr).toMatch(/id +buildNumber +status +startedAt/);
    for (const id of TARGETS) expect(run.stderr).toContain(id);
    expect(run.stderr).toContain('Abort 3 builds of janedoe~my-actor? yes (--yes)');
  });

  it('narrows to READY or RUNNING with --status, and to --since', async () => {
    const s = await start(BIG);
    const ready = await abort(['--actor', ACTOR, '--status', 'ready', '-y', '-q']);
    expect(tsv(ready.stdout).map((r) => r[0])).toEqual(['build02990']);
    expect(ready.stderr).toBe('');
    const since = await abort([
      '--actor',
      ACTOR,
      '--status',
      'RUNNING',
      '--since',
      BIG[2000]!.startedAt!,
      '-y',
      '-q',
    ]);
    expect(tsv(since.stdout).map((r) => r[0])).toEqual(['build02998']);
    expect(aborts(s)).toHaveLength(2);
  });

  it('prints the targets with --dry-run, in the format of list, and sends no abort', async () => {
    const s = await start(BIG);
    const run = await abort(['--actor', ACTOR, '--dry-run']);
    expect(run.code).toBe(0);
    expect(tsv(run.stdout).map((r) => r.slice(0, 3))).toEqual([
      ['build02998', '0.1.2999', 'RUNNING'],
      ['build02990', '0.1.2991', 'READY'],
      ['build00017', '0.1.18', 'RUNNING'],
    ]);
    expect(run.stderr).toContain(
      'Dry run: would abort 3 builds of janedoe~my-actor; nothing was sent.',
    );
    const json = await abort(['--actor', ACTOR, '--dry-run', '--json']);
    expect((JSON.parse(json.stdout) as { id: string; actId: string }[]).map((b) => b.id)).toEqual(
      TARGETS,
    );
    expect(aborts(s)).toEqual([]);
  });

  it('needs --yes when stdin is not a terminal: exit 2, nothing sent', async () => {
    const s = await start(BIG);
    const run = await abort(['--actor', ACTOR], { tty: { stdout: true, stderr: true } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /apify-builds:.* abort --actor asks for confirmation, and stdin is not a terminal: add --yes/,
    );
    expect(s.requests).toBe(0);
  });

  it('asks [y/N] on a terminal: y aborts, anything else exits 3 with nothing sent', async () => {
    const s = await start(history(5, { 4: 'RUNNING' }));
    for (const answer of ['n\n', '\n', 'maybe\n', '']) {
      const run = await abort(['--actor', ACTOR], { tty: true, input: answer });
      expect(run.code, JSON.stringify(answer)).toBe(3);
      expect(run.stderr).toContain('Abort 1 build of janedoe~my-actor? [y/N] ');
      expect(run.stdout).toBe('');
    }
    expect(aborts(s)).toEqual([]);
    const yes = await abort(['--actor', ACTOR], { tty: true, input: 'Yes\n' });
    expect(yes.code).toBe(0);
    expect(aborts(s)).toEqual(['/v2/actor-builds/build00004/abort']);
  });

  it('Ctrl+C at the prompt exits 130 at once', async () => {
    const s = await start(history(5, { 4: 'RUNNING' }));
    const controller = new AbortController();
    const run = await abort(['--actor', ACTOR], {
      tty: true,
      signal: controller.signal,
      onStart: ({ stderr }) => {
        stderr.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('[y/N]')) controller.abort(new Error('interrupted'));
        });
      },
    });
    expect(run.code).toBe(130);
    expect(aborts(s)).toEqual([]);
  });

  it('says so when there is nothing to abort, exit 0', async () => {
    const s = await start(history(5));
    const run = await abort(['--actor', ACTOR, '--yes']);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain(
      'No READY or RUNNING builds of janedoe~my-actor: nothing to abort.',
    );
    expect((await abort(['--actor', ACTOR, '--yes', '--json'])).stdout).toBe('[]\n');
    expect(aborts(s)).toEqual([]);
  });

  it('exits 1 for an Actor that does not exist', async () => {
    await start(history(5));
    const run = await abort(['--actor', 'nobody~nothing', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^apify-builds: 404 record-not-found/);
  });
});

describe('abort --wait', () => {
  it('waits until the aborted builds are ABORTED and prints their final status', async () => {
    const s = await start(history(6, { 2: 'RUNNING', 5: 'READY' }));
    const run = await abort([
      '--actor',
      ACTOR,
      '--yes',
      '--wait',
      '--poll-interval',
      '1s',
      '--ndjson',
    ]);
    expect(run.code).toBe(0);
    expect(ndjsonRecords(run.stdout)).toEqual(
      expect.arrayContaining([
        { id: 'build00005', status: 'ABORTED', result: 'aborted' },
        { id: 'build00002', status: 'ABORTED', result: 'aborted' },
      ]),
    );
    // Only the list endpoint is polled, newest first.
    const polls = s.recorded.filter((r) => r.method === 'GET').slice(1);
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(poll.url).toMatch(/\/v2\/actors\/[^/]+\/builds\?.*desc=true/);
  });

  it('finds the Actor of an id-only abort from the abort answer', async () => {
    const s = await start(history(4, { 1: 'RUNNING' }));
    const run = await abort(['build00001', 'build00000', '--wait']);
    expect(run.code).toBe(0);
    expect(tsv(run.stdout)).toEqual([
      ['build00001', 'ABORTED', 'aborted', ''],
      ['build00000', 'SUCCEEDED', 'already-finished', ''],
    ]);
    const actId = s.builds()[0]!.actId;
    expect(s.recorded.some((r) => r.url.startsWith(`/v2/actors/${actId}/builds?`))).toBe(true);
  });

  it('gives up after --timeout with exit 6, naming the builds not finished', async () => {
    const s = await start(history(4, { 3: 'RUNNING' }));
    s.override((req, res) => {
      if (req.method !== 'GET') return 'next';
      // The list never shows the build finished.
      const items = s
        .builds()
        .reverse()
        .map((b) => ({ ...b, status: b.id === 'build00003' ? 'ABORTING' : b.status }));
      const body = {
        data: {
          total: items.length,
          offset: 0,
          limit: 1000,
          desc: true,
          count: items.length,
          items,
        },
      };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return undefined;
    });
    const run = await abort(['build00003', '--wait', '--timeout', '1s', '--poll-interval', '1s']);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(
      /^apify-builds: gave up waiting after 1s: 1 build not finished yet: build00003 \(ABORTING\)$/m,
    );
    expect(tsv(run.stdout)).toEqual([['build00003', 'ABORTING', 'aborted', '']]);
  });
});

describe('abort: usage errors (exit 2, nothing sent)', () => {
  it.each([
    [[], /abort needs build ids .* or --actor/],
    [['b1', '--actor', ACTOR], /give build ids or --actor, not both/],
    [['b1', '--status', 'running'], /--status works only with --actor/],
    [['b1', '--dry-run'], /--dry-run works only with --actor/],
    [['b1', '--since', '1h'], /--since works only with --actor/],
    [
      ['--actor', ACTOR, '--status', 'succeeded', '-y'],
      /--status must be a comma-separated list of READY, RUNNING; got 'succeeded'/,
    ],
    [['--actor', ACTOR, '--status', 'unfinished', '-y'], /--status must be/],
    [['b1', '--concurrency', '0'], /--concurrency must be an integer from 1 to 16, got 0/],
    [['b1', '--concurrency', '17'], /--concurrency must be an integer from 1 to 16, got 17/],
    [['b1', '--poll-interval', '5s'], /--poll-interval works only with --wait/],
    [['b1', '--timeout', '5m'], /--timeout works only with --wait/],
    [['b1', '--wait', '--poll-interval', '500ms'], /--poll-interval must be a duration/],
    [['b1', '--wait', '--timeout', 'forever'], /--timeout must be a duration/],
    [['--actor', ACTOR, '--dry-run', '--wait'], /--dry-run and --wait conflict/],
    [['a/b'], /a build id must be .*got 'a\/b'/],
    [['..'], /a build id must be/],
    [['--actor', ''], /the Actor id is empty/],
    [['b1', '--concurency', '2'], /unknown flag --concurency; did you mean --concurrency\?/],
    [['b1', '--limit', '2'], /unknown flag --limit/],
  ])('%j', async (argv, message) => {
    const s = await start(history(2));
    const run = await abort(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(s.requests).toBe(0);
  });
});
