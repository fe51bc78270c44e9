// `apify-builds list`: order, limits, filters, formats, colour, progress, tokens and errors,
// run in this process against the fake API.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../fake-api/server.js';
import { CLI_TOKEN, cli, history, ndjsonRecords, type CliOptions } from '../helpers/cli.js';

// The colour escapes the command line writes (ESC [ n m).
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

const ACTOR = 'janedoe~my-actor';
let server: FakeApi;
let env: Record<string, string>;

/** 30 builds a minute apart from 2026-11-01, with a few unfinished ones. */
const SEEDS = history(30, { 3: 'FAILED', 10: 'RUNNING', 27: 'READY', 29: 'RUNNING' });
const ids = (from: number, to: number) => SEEDS.slice(from, to).map((s) => s.id!);

beforeEach(async () => {
  server = await startFakeApi({ builds: SEEDS, token: CLI_TOKEN });
  env = { APIFY_TOKEN: CLI_TOKEN, APIFY_API_BASE_URL: server.url };
});
afterEach(() => server.close());

const list = (argv: string[], options: CliOptions = {}) =>
  cli(['list', ...argv], { env, ...options });
const firstColumn = (tsv: string) =>
  tsv
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[0]);
const listRequests = () => server.recorded.filter((r) => r.url.includes('/builds'));

describe('list', () => {
  it('prints the newest 20 builds by default, as TSV without a header when piped', async () => {
    const run = await list([ACTOR]);
    expect(run.code).toBe(0);
    expect(firstColumn(run.stdout)).toEqual(ids(10, 30).reverse());
    const line = run.stdout.split('\n')[0]!.split('\t');
    const newest = server.builds().at(-1)!;
    expect(line).toEqual([newest.id, newest.buildNumber, newest.status, newest.startedAt, '']);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stderr).toBe('');
  });

  it('takes the alias ls, --limit/-L, --oldest-first and --page-size', async () => {
    expect(firstColumn((await cli(['ls', ACTOR, '-L', '3'], { env })).stdout)).toEqual(
      ids(27, 30).reverse(),
    );
    const before = listRequests().length;
    const oldest = await list([ACTOR, '--oldest-first', '--limit', '4', '--page-size', '3']);
    expect(firstColumn(oldest.stdout)).toEqual(ids(0, 4));
    const sent = listRequests()
      .slice(before)
      .map((r) => new URL(r.url, server.url).searchParams);
    // Oldest first is the API's order: no desc; the last request asks only for what is left.
    expect(sent.map((q) => [q.get('offset'), q.get('limit'), q.get('desc')])).toEqual([
      ['0', '3', null],
      ['2', '2', null],
    ]);
  });

  it('walks every build with --all, page by page', async () => {
    const run = await list([ACTOR, '--all', '--page-size', '7']);
    expect(firstColumn(run.stdout)).toEqual(ids(0, 30).reverse());
    expect(listRequests().length).toBeGreaterThanOrEqual(5);
  });

  it('filters by status while walking, --limit counting matches', async () => {
    const run = await list([ACTOR, '--status', 'unfinished', '--page-size', '5']);
    expect(firstColumn(run.stdout)).toEqual([SEEDS[29]!.id, SEEDS[27]!.id, SEEDS[10]!.id]);
    const two = await list([ACTOR, '--status', 'running,failed', '-L', '2', '--page-size', '5']);
    expect(firstColumn(two.stdout)).toEqual([SEEDS[29]!.id, SEEDS[10]!.id]);
    const finished = await list([ACTOR, '--status', 'FINISHED', '--all']);
    // All but the three unfinished ones.
    expect(firstColumn(finished.stdout)).toEqual(
      ids(0, 30)
        .filter((_, i) => ![10, 27, 29].includes(i))
        .reverse(),
    );
  });

  it('stops at the first build older than --since, and lists all since then without --limit', async () => {
    const since = SEEDS[5]!.startedAt!;
    const run = await list([ACTOR, '--since', since, '--page-size', '10']);
    expect(firstColumn(run.stdout)).toEqual(ids(5, 30).reverse());
    // Three pages hold builds 29..0; the third holds the first older build, and no fourth is sent.
    expect(listRequests()).toHaveLength(3);
    const oldestFirst = await list([ACTOR, '--since', since, '--oldest-first']);
    expect(firstColumn(oldestFirst.stdout)).toEqual(ids(5, 30));
    const limited = await list([ACTOR, '--since', since, '--oldest-first', '-L', '2']);
    expect(firstColumn(limited.stdout)).toEqual(ids(5, 7));
  });

  it('reads --since as a duration back from now', async () => {
    const now = Date.parse(SEEDS[29]!.startedAt!) + 90_000;
    const run = await list([ACTOR, '--since', '3m'], { now: () => now });
    expect(firstColumn(run.stdout)).toEqual(ids(28, 30).reverse());
  });

  it('prints every field the API sent with --json, and one object per line with --ndjson', async () => {
    const json = await list([ACTOR, '-L', '3', '--json']);
    const sent = server.builds().slice(-3).reverse();
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(parsed.map((b) => b['id'])).toEqual(sent.map((b) => b.id));
    expect(Object.keys(parsed[0]!)).toEqual(
      expect.arrayContaining([
        'id',
        'actId',
        'userId',
        'status',
        'startedAt',
        'finishedAt',
        'usageTotalUsd',
        'meta',
        'buildNumber',
        'buildNumberInt',
      ]),
    );
    const ndjson = await list([ACTOR, '-L', '3', '--ndjson']);
    const records = ndjsonRecords(ndjson.stdout);
    expect(records).toHaveLength(3);
    expect(records).toEqual(parsed);
    const empty = await list([ACTOR, '--status', 'timing-out', '--json']);
    expect(JSON.parse(empty.stdout)).toEqual([]);
    expect(empty.stderr).toContain('No builds of janedoe~my-actor match.');
  });

  it('draws an aligned table with a header and coloured statuses on a terminal', async () => {
    const run = await list([ACTOR, '-L', '3'], { tty: true });
    const lines = run.stdout.replace(ESCAPES, '').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +buildNumber +status +startedAt +finishedAt +duration$/);
    expect(lines).toHaveLength(4);
    const column = lines[0]!.indexOf('status');
    for (const line of lines.slice(1))
      expect(line.slice(column)).toMatch(/^(READY|RUNNING|SUCCEEDED) /);
    expect(run.stdout).toContain('\x1b[36mRUNNING\x1b[39m');
    const plain = await list([ACTOR, '-L', '3', '--no-color'], { tty: true });
    expect(plain.stdout).not.toContain('\x1b[');
    for (const colourless of [{ NO_COLOR: '1' }, { TERM: 'dumb', FORCE_COLOR: '1' }]) {
      const run2 = await list([ACTOR, '-L', '1'], { tty: true, env: { ...env, ...colourless } });
      expect(run2.stdout).not.toContain('\x1b[');
    }
    // FORCE_COLOR colours the table and stderr, never TSV.
    const forced = await list([ACTOR, '-L', '1'], { env: { ...env, FORCE_COLOR: '1' } });
    expect(forced.stdout).not.toContain('\x1b[');
  });

  it('shows progress only on a terminal stderr, during walks of more than one request', async () => {
    const tty = await list([ACTOR, '--all', '--page-size', '10'], { tty: { stderr: true } });
    expect(tty.stderr).toContain('Scanned 10 of 30 builds');
    expect(tty.stderr).toContain('Scanned 20 of 30 builds');
    // Erased at the end: the last thing written is the erase sequence.
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    const piped = await list([ACTOR, '--all', '--page-size', '10']);
    expect(piped.stderr).toBe('');
    const quiet = await list([ACTOR, '--all', '--page-size', '10', '-q'], {
      tty: { stderr: true },
    });
    expect(quiet.stderr).toBe('');
    const one = await list([ACTOR, '--all'], { tty: { stderr: true } });
    expect(one.stderr).toBe('');
  });
});

describe('list: usage errors (exit 2, nothing sent)', () => {
  it.each([
    [[], /list needs an Actor/],
    [[ACTOR, 'other~actor'], /list takes one Actor, got 2/],
    [[ACTOR, '--limit', '0'], /--limit must be an integer >= 1, got 0/],
    [[ACTOR, '--limit', 'ten'], /--limit must be an integer >= 1, got 'ten'/],
    [[ACTOR, '--limit'], /--limit needs a value/],
    [[ACTOR, '--limit', '5', '--all'], /--limit and --all conflict/],
    [[ACTOR, '--page-size', '1001'], /--page-size must be an integer from 1 to 1000, got 1001/],
    [[ACTOR, '--page-size', '0'], /--page-size must be an integer from 1 to 1000/],
    [[ACTOR, '--status', 'done'], /--status must be a comma-separated list of READY/],
    [
      [ACTOR, '--since', '7 days'],
      /--since must be an ISO 8601 date or date-time .* or a duration/,
    ],
    [[ACTOR, '--since', '0d'], /--since must be/],
    [[ACTOR, '--lmit', '5'], /unknown flag --lmit; did you mean --limit\?/],
    [[ACTOR, '--yes'], /unknown flag --yes/],
    [[ACTOR, '--json', '--ndjson'], /--json and --ndjson conflict/],
    [[ACTOR, '--all=1'], /--all takes no value/],
    [[ACTOR, '--base-url', 'ftp://example.com'], /--base-url must be an absolute http\(s\) URL/],
    [
      [ACTOR, '--base-url', 'http://127.0.0.1:9/v2'],
      /^apify-builds: --base-url must be the API's root without \/v2/,
    ],
  ])('%j', async (argv, message) => {
    const run = await list(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^apify-builds: [^\n]+\n$/);
    expect(run.stdout).toBe('');
    expect(server.requests).toBe(0);
  });

  it('names the nearest command for an unknown one, and shows help without one', async () => {
    const typo = await cli(['lsit', ACTOR], { env });
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toContain('unknown command "lsit"; did you mean list?');
    const none = await cli([], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage');
    expect(none.stdout).toBe('');
    expect(server.requests).toBe(0);
  });
});

describe('help and version', () => {
  it('prints help on stdout for every command and alias, with flags, defaults, examples and exit codes', async () => {
    for (const argv of [
      ['--help'],
      ['-h'],
      ['help'],
      ['list', '--help'],
      ['ls', '-h'],
      ['abort', '--help'],
      ['cancel', '-h'],
      ['stats', '--help'],
      ['help', 'abort'],
    ]) {
      const run = await cli(argv, { env });
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('Exit codes');
      expect(run.stdout).toContain('Examples');
    }
    const abort = (await cli(['abort', '--help'])).stdout;
    expect(abort).toContain('--concurrency N');
    expect(abort).toContain('(default 4)');
    expect(abort).toContain('--poll-interval DURATION');
    expect(abort).toContain('-y, --yes');
    const listHelp = (await cli(['ls', '--help'])).stdout;
    expect(listHelp).toContain('-L, --limit N');
    expect(listHelp).toContain('Aliases: ls');
    expect(server.requests).toBe(0);
  });

  it('prints the package version', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    for (const flag of ['--version', '-V'])
      expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('token', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'apify-builds-home-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('reads the token of `apify login` when APIFY_TOKEN is unset', async () => {
    await mkdir(path.join(home, '.apify'));
    await writeFile(
      path.join(home, '.apify', 'auth.json'),
      JSON.stringify({ username: 'jane', token: CLI_TOKEN }),
    );
    const run = await list([ACTOR, '-L', '1'], {
      env: { HOME: home, APIFY_API_BASE_URL: server.url },
    });
    expect(run.code).toBe(0);
    expect(server.recorded[0]!.headers.authorization).toBe(`Bearer ${CLI_TOKEN}`);
  });

  it('prefers APIFY_TOKEN to the login file', async () => {
    await mkdir(path.join(home, '.apify'));
    await writeFile(path.join(home, '.apify', 'auth.json'), JSON.stringify({ token: 'other' }));
    const run = await list([ACTOR, '-L', '1'], { env: { ...env, HOME: home } });
    expect(run.code).toBe(0);
    expect(server.recorded[0]!.headers.authorization).toBe(`Bearer ${CLI_TOKEN}`);
  });

  it('exits 4 before any request without a token, naming both sources', async () => {
    for (const setup of [
      () => Promise.resolve(),
      () =>
        mkdir(path.join(home, '.apify')).then(() =>
          writeFile(path.join(home, '.apify', 'auth.json'), '{"username":"jane"}'),
        ),
    ]) {
      await setup();
      const run = await list([ACTOR], {
        env: { HOME: home, APIFY_API_BASE_URL: server.url, APIFY_TOKEN: '' },
      });
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('APIFY_TOKEN');
      expect(run.stderr).toContain(path.join(home, '.apify', 'auth.json'));
      expect(run.stdout).toBe('');
    }
    expect(server.requests).toBe(0);
  });

  it('exits 4 on a 401, and never shows the token, not even echoed by the server', async () => {
    server.override((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          error: { type: 'invalid-token', message: `Token ${CLI_TOKEN} is not valid` },
        }),
      );
      return undefined;
    });
    const run = await list([ACTOR], { env: { ...env, DEBUG: 'apify-builds' } });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^apify-builds: 401 invalid-token: Token \*\*\* is not valid/m);
    expect(run.stderr).not.toContain(CLI_TOKEN);
    expect(run.stderr).toContain('debug: GET');
    expect(run.stdout).toBe('');
    const forbidden = await list([ACTOR], { env: { ...env, APIFY_TOKEN: 'wrong-token' } });
    expect(forbidden.code).toBe(4);
  });

  it('exits 1 naming the request for an Actor that does not exist', async () => {
    const run = await list(['nobody~nothing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^apify-builds: 404 record-not-found: .* \(GET \/v2\/actors\/nobody~nothing\/builds\)\n$/,
    );
  });

  it('exits 1 when the network fails, after the retries', async () => {
    const run = await list([ACTOR], {
      env: { ...env, APIFY_API_BASE_URL: 'http://127.0.0.1:9' },
      client: { maxRetries: 1 },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^apify-builds: [^\n]*GET \/v2\/actors\/janedoe~my-actor\/builds[^\n]*\n$/,
    );
  });

  it('prefers --base-url to APIFY_API_BASE_URL', async () => {
    const run = await list([ACTOR, '-L', '1', '--base-url', server.url], {
      env: { ...env, APIFY_API_BASE_URL: 'http://127.0.0.1:9' },
    });
    expect(run.code).toBe(0);
    expect(firstColumn(run.stdout)).toEqual([SEEDS[29]!.id]);
  });
});

describe('Ctrl+C', () => {
  it('stops a walk at once with exit 130', async () => {
    const controller = new AbortController();
    server.override((req) => {
      if (server.requests === 2) controller.abort(new Error('interrupted'));
      return req.url?.includes('/builds') && server.requests >= 2 ? undefined : 'next';
    });
    const run = await list([ACTOR, '--all', '--page-size', '5'], { signal: controller.signal });
    expect(run.code).toBe(130);
    expect(run.stdout.trim().split('\n')).toHaveLength(5);
  });
});

describe('errors on a terminal', () => {
  it('colours the prefix of an error line on a terminal stderr only', async () => {
    const onTty = await cli(['ls'], { tty: true });
    expect(onTty.stderr).toBe(
      '\x1b[31mapify-builds:\x1b[39m list needs an Actor: apify-builds list <actorId>\n',
    );
    const noColor = await cli(['ls', '--no-color'], { tty: true });
    expect(noColor.stderr).toBe('apify-builds: list needs an Actor: apify-builds list <actorId>\n');
    const beforeParsing = await cli(['ls', '--bogus', '--no-color'], { tty: true });
    expect(beforeParsing.stderr).toBe('apify-builds: unknown flag --bogus\n');
    const piped = await cli(['ls']);
    expect(piped.stderr).toBe('apify-builds: list needs an Actor: apify-builds list <actorId>\n');
  });

  it('says that flags come after the command', async () => {
    const run = await cli(['--json', 'ls', 'a~b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--json is not a command: flags come after the command');
  });
});
