// `apify-builds stats`: figures against a list computed by hand, the JSON object piped, the
// chart on a terminal within COLUMNS.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApi, type BuildSeed, type FakeApi } from '../../fake-api/server.js';
import { CLI_TOKEN, cli, steady } from '../helpers/cli.js';

// The colour escapes the command line writes (ESC [ n m).
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

const ACTOR = 'janedoe~my-actor';
const NOW = Date.parse('2026-12-07T12:00:00.000Z');
let server: FakeApi;
let env: Record<string, string>;

const at = (iso: string, status: NonNullable<BuildSeed['status']>, id: string): BuildSeed =>
  steady({ id, status, startedAt: iso });

// Oldest first. Two builds older than 30 days, then seven in the window.
const SEEDS = [
  at('2026-10-01T10:00:00.000Z', 'SUCCEEDED', 'old1'),
  at('2026-11-07T11:59:59.000Z', 'FAILED', 'old2'),
  at('2026-11-07T12:00:00.000Z', 'SUCCEEDED', 'w1'),
  at('2026-11-20T08:00:00.000Z', 'FAILED', 'w2'),
  at('2026-11-20T09:00:00.000Z', 'SUCCEEDED', 'w3'),
  at('2026-12-01T00:00:00.000Z', 'ABORTED', 'w4'),
  at('2026-12-06T23:00:00.000Z', 'TIMED-OUT', 'w5'),
  at('2026-12-07T10:00:00.000Z', 'SUCCEEDED', 'w6'),
  at('2026-12-07T11:00:00.000Z', 'RUNNING', 'w7'),
];

beforeEach(async () => {
  server = await startFakeApi({ builds: SEEDS, token: CLI_TOKEN });
  env = { APIFY_TOKEN: CLI_TOKEN, APIFY_API_BASE_URL: server.url };
});
afterEach(() => server.close());

const stats = (argv: string[], tty = false, columns?: number) =>
  cli(['stats', ACTOR, ...argv], { env, tty, now: () => NOW, ...(columns ? { columns } : {}) });

describe('stats', () => {
  it('prints the figures of the last 30 days as one JSON object when piped', async () => {
    const builds = server.builds();
    const byId = new Map(builds.map((b) => [b.id, b]));
    const duration = (id: string) =>
      Date.parse(byId.get(id)!.finishedAt!) - Date.parse(byId.get(id)!.startedAt);
    // Finished in the window: w1..w6; their durations sorted by hand below.
    const durations = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map(duration).sort((a, b) => a - b);
    const usd = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7'].reduce(
      (sum, id) => sum + byId.get(id)!.usageTotalUsd,
      0,
    );
    const run = await stats([]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      actorId: ACTOR,
      since: '2026-11-07T12:00:00.000Z',
      until: '2026-12-07T12:00:00.000Z',
      total: 7,
      byStatus: { SUCCEEDED: 3, FAILED: 1, ABORTED: 1, 'TIMED-OUT': 1, RUNNING: 1 },
      successRate: 3 / 6,
      durationMs: {
        median: (durations[2]! + durations[3]!) / 2,
        p90: durations[5],
        max: durations[5],
      },
    });
    expect(summary['usageTotalUsd']).toBeCloseTo(usd, 9);
    const perDay = summary['perDay'] as {
      date: string;
      total: number;
      byStatus: Record<string, number>;
    }[];
    expect(perDay).toHaveLength(31);
    expect(perDay[0]).toEqual({ date: '2026-11-07', total: 1, byStatus: { SUCCEEDED: 1 } });
    expect(perDay[1]).toEqual({ date: '2026-11-08', total: 0, byStatus: {} });
    expect(perDay.find((d) => d.date === '2026-11-20')).toEqual({
      date: '2026-11-20',
      total: 2,
      byStatus: { FAILED: 1, SUCCEEDED: 1 },
    });
    expect(perDay.at(-1)).toEqual({
      date: '2026-12-07',
      total: 2,
      byStatus: { SUCCEEDED: 1, RUNNING: 1 },
    });
    expect(perDay.reduce((n, d) => n + d.total, 0)).toBe(7);
    // The walk stopped at the first older build: one page was enough.
    expect(server.requests).toBe(1);
  });

  it('takes --since and --all', async () => {
    const week = JSON.parse((await stats(['--since', '7d'])).stdout) as {
      total: number;
      perDay: unknown[];
      since: string;
    };
    expect(week.total).toBe(4);
    expect(week.perDay).toHaveLength(8);
    const all = JSON.parse((await stats(['--all', '--json'])).stdout) as {
      total: number;
      since: null;
      perDay: { date: string }[];
    };
    expect(all.total).toBe(9);
    expect(all.since).toBeNull();
    expect(all.perDay[0]!.date).toBe('2026-10-01');
    expect(all.perDay.at(-1)!.date).toBe('2026-12-07');
    const nothing = JSON.parse((await stats(['--since', '2026-12-07T11:30:00Z'])).stdout) as Record<
      string,
      unknown
    >;
    expect(nothing).toMatchObject({
      total: 0,
      successRate: null,
      durationMs: { median: null, p90: null, max: null },
      usageTotalUsd: 0,
    });
    expect(nothing['perDay']).toEqual([{ date: '2026-12-07', total: 0, byStatus: {} }]);
  });

  it('shows the figures and a per-day chart on a terminal, within COLUMNS', async () => {
    for (const columns of [40, 72, 120]) {
      const run = await cli(['stats', ACTOR], {
        env: { ...env, COLUMNS: String(columns) },
        tty: true,
        now: () => NOW,
      });
      expect(run.code).toBe(0);
      const text = run.stdout.replace(ESCAPES, '');
      expect(text).toContain('janedoe~my-actor: 7 builds, since 2026-11-07T12:00:00.000Z');
      expect(text).toContain('Success rate  50.0%');
      expect(text).toMatch(/SUCCEEDED 3 +FAILED 1 +TIMED-OUT 1 +ABORTED 1|RUNNING 1 +SUCCEEDED 3/);
      const chart = text.slice(text.indexOf('Builds per day (UTC)'));
      const rows = chart.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
      expect(rows).toHaveLength(31);
      for (const line of text.split('\n').slice(text.split('\n').indexOf('Builds per day (UTC)')))
        expect(Array.from(line).length).toBeLessThanOrEqual(columns);
      expect(chart).toMatch(/succeeded/);
      expect(run.stdout).toContain('\x1b[32m█');
    }
  });

  it('rejects --since with --all, and bad values, sending nothing', async () => {
    expect(await stats(['--all', '--since', '7d'])).toMatchObject({ code: 2, stdout: '' });
    expect((await stats(['--since', 'last week'])).stderr).toMatch(/--since must be/);
    expect((await stats(['--limit', '3'])).stderr).toMatch(/unknown flag --limit/);
    expect(server.requests).toBe(0);
  });
});
