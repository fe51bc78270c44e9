// The command line's pure parts: flags, times, statuses, colour, tables, figures, chart, pool.
import { describe, expect, it } from 'vitest';
import { UsageError, closest, integerFlag, parse, type Flags } from '../../src/cli/args.js';
import { renderChart, split } from '../../src/cli/chart.js';
import { colourOn, painter, plain } from '../../src/cli/colour.js';
import { runPool } from '../../src/cli/pool.js';
import { FINISHED, statusFilter } from '../../src/cli/status.js';
import { SummaryBuilder, median, nearestRank } from '../../src/cli/summary.js';
import { renderTable, tsvLine } from '../../src/cli/table.js';
import { durationFlag, durationMs, formatDuration, sinceFlag } from '../../src/cli/time.js';

const FLAGS: Flags = {
  limit: { type: 'string', short: 'L', value: 'N', help: '' },
  all: { type: 'boolean', help: '' },
  yes: { type: 'boolean', short: 'y', help: '' },
  quiet: { type: 'boolean', short: 'q', help: '' },
};

describe('flags', () => {
  it('reads long, short, inline and grouped flags and positionals', () => {
    expect(parse(['a~b', '-L', '5', '--all', '-qy', 'c'], FLAGS)).toEqual({
      values: { limit: '5', all: true, quiet: true, yes: true },
      positionals: ['a~b', 'c'],
    });
    expect(parse(['--limit=7', '--', '--all'], FLAGS)).toEqual({
      values: { limit: '7' },
      positionals: ['--all'],
    });
  });

  it('names the nearest flag for an unknown one', () => {
    expect(() => parse(['--lmit', '3'], FLAGS)).toThrow(
      new UsageError('unknown flag --lmit; did you mean --limit?'),
    );
    expect(() => parse(['--zzzzzzzz'], FLAGS)).toThrow(new UsageError('unknown flag --zzzzzzzz'));
  });

  it('rejects a missing value, a flag where the value should be, and a value for a switch', () => {
    expect(() => parse(['--limit'], FLAGS)).toThrow('-L, --limit needs a value (N)');
    expect(() => parse(['--limit', '--all'], FLAGS)).toThrow('-L, --limit needs a value (N)');
    expect(() => parse(['--all=yes'], FLAGS)).toThrow('--all takes no value');
  });

  it('checks integers and their range', () => {
    expect(integerFlag('limit', '20', 1)).toBe(20);
    expect(() => integerFlag('limit', '0', 1)).toThrow('--limit must be an integer >= 1, got 0');
    expect(() => integerFlag('limit', '-5', 1)).toThrow(
      "--limit must be an integer >= 1, got '-5'",
    );
    expect(() => integerFlag('limit', '2.5', 1)).toThrow("got '2.5'");
    expect(() => integerFlag('page-size', '1001', 1, 1000)).toThrow(
      '--page-size must be an integer from 1 to 1000, got 1001',
    );
  });

  it('finds the nearest word only when it is near', () => {
    expect(closest('lst', ['list', 'abort', 'stats'])).toBe('list');
    expect(closest('xyzzy', ['list', 'abort', 'stats'])).toBeUndefined();
  });
});

describe('times', () => {
  it('reads durations of one unit', () => {
    expect([
      durationMs('90s'),
      durationMs('30m'),
      durationMs('12h'),
      durationMs('7d'),
      durationMs('2w'),
    ]).toEqual([90_000, 1_800_000, 43_200_000, 604_800_000, 1_209_600_000]);
    for (const bad of ['0s', '1.5h', '7', 'd', '1h30m', '-1d', '7D', ' 7d', '7y'])
      expect(durationMs(bad), bad).toBeUndefined();
  });

  it('reads --since as a duration back from now, a date or a date-time', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(sinceFlag('2h', now)).toBe(Date.parse('2026-12-07T10:00:00Z'));
    expect(sinceFlag('2026-12-01', now)).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(sinceFlag('2026-12-01T08:30', now)).toBe(Date.parse('2026-12-01T08:30:00Z'));
    expect(sinceFlag('2026-12-01T08:30:15.250+02:00', now)).toBe(
      Date.parse('2026-12-01T06:30:15.250Z'),
    );
    for (const bad of ['2026-02-31', '2026-13-01', 'yesterday', '2026-12-01T25:00', ''])
      expect(() => sinceFlag(bad, now), bad).toThrow(/--since must be an ISO 8601 date/);
  });

  it('checks a duration flag against its minimum', () => {
    expect(durationFlag('poll-interval', '2s', 1000)).toBe(2000);
    expect(() => durationFlag('poll-interval', '500ms', 1000)).toThrow(
      /--poll-interval must be a duration/,
    );
    expect(() => durationFlag('timeout', 'soon')).toThrow(
      "--timeout must be a duration: a positive integer and one unit of s, m, h, d, w (e.g. 90s, 30m, 12h, 7d, 2w); got 'soon'",
    );
  });

  it('shows durations for people', () => {
    expect([0, 45_000, 185_000, 7_860_000, 273_600_000].map(formatDuration)).toEqual([
      '0s',
      '45s',
      '3m 05s',
      '2h 11m',
      '3d 4h',
    ]);
  });
});

describe('status filter', () => {
  it('takes statuses in any case and the two groups', () => {
    expect([...statusFilter('running,Failed')]).toEqual(['RUNNING', 'FAILED']);
    expect([...statusFilter('unfinished')].sort()).toEqual([
      'ABORTING',
      'READY',
      'RUNNING',
      'TIMING-OUT',
    ]);
    expect([...statusFilter('finished')].sort()).toEqual([
      'ABORTED',
      'FAILED',
      'SUCCEEDED',
      'TIMED-OUT',
    ]);
    expect(FINISHED).toEqual(['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED']);
  });

  it('rejects anything else, naming what it accepts and the nearest', () => {
    expect(() => statusFilter('runing')).toThrow(
      /--status must be a comma-separated list of READY, .*unfinished or finished; got 'runing' \(did you mean RUNNING\?\)/,
    );
    expect(() => statusFilter('SUCCEEDED', ['READY', 'RUNNING'])).toThrow(
      "--status must be a comma-separated list of READY, RUNNING; got 'SUCCEEDED'",
    );
    expect(() => statusFilter('unfinished', ['READY', 'RUNNING'])).toThrow(/--status must be/);
  });
});

describe('colour rules', () => {
  it('colours a terminal or FORCE_COLOR, never with --no-color, NO_COLOR or TERM=dumb', () => {
    expect(colourOn({}, true, false)).toBe(true);
    expect(colourOn({}, false, false)).toBe(false);
    expect(colourOn({ FORCE_COLOR: '1' }, false, false)).toBe(true);
    expect(colourOn({ FORCE_COLOR: '0' }, true, false)).toBe(false);
    expect(colourOn({ FORCE_COLOR: '' }, false, false)).toBe(true);
    expect(colourOn({ FORCE_COLOR: '1' }, true, true)).toBe(false);
    expect(colourOn({ FORCE_COLOR: '1', NO_COLOR: '1' }, true, false)).toBe(false);
    expect(colourOn({ NO_COLOR: '' }, true, false)).toBe(true);
    expect(colourOn({ FORCE_COLOR: '1', TERM: 'dumb' }, true, false)).toBe(false);
  });

  it('paints with escapes only when on', () => {
    expect(painter(true)('green', 'ok')).toBe('\x1b[32mok\x1b[39m');
    expect(painter(false)('green', 'ok')).toBe('ok');
    expect(plain(painter(true)('red', 'x'))).toBe('x');
  });
});

describe('tables and TSV', () => {
  it('aligns columns by their visible width, escapes left out', () => {
    const paint = painter(true);
    const table = renderTable(
      ['id', 'status'],
      [
        ['a', paint('green', 'SUCCEEDED')],
        ['longer-id', 'RUNNING'],
      ],
    );
    expect(plain(table)).toBe('id         status\na          SUCCEEDED\nlonger-id  RUNNING\n');
  });

  it('writes one line per record, tabs and line breaks inside values as spaces', () => {
    expect(tsvLine(['a', '', 'b\tc\nd'])).toBe('a\t\tb c d\n');
  });
});

describe('figures', () => {
  it('median and nearest-rank p90', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
    expect(
      nearestRank(
        [...Array(70).keys()].map((i) => i + 1),
        90,
      ),
    ).toBe(63);
    expect(nearestRank([10, 20, 30], 90)).toBe(30);
    expect(nearestRank([], 90)).toBeNull();
  });

  it('summarises a list computed by hand', () => {
    const b = (status: string, startedAt: string, seconds: number | null, usd: number) => ({
      status,
      startedAt,
      finishedAt:
        seconds === null ? null : new Date(Date.parse(startedAt) + seconds * 1000).toISOString(),
      usageTotalUsd: usd,
    });
    const builder = new SummaryBuilder();
    for (const build of [
      b('SUCCEEDED', '2026-12-01T10:00:00.000Z', 60, 0.1),
      b('SUCCEEDED', '2026-12-01T23:59:00.000Z', 120, 0.2),
      b('FAILED', '2026-12-03T00:00:00.000Z', 30, 0.05),
      b('ABORTED', '2026-12-03T05:00:00.000Z', 10, 0.01),
      b('TIMED-OUT', '2026-12-03T06:00:00.000Z', 600, 0.5),
      b('RUNNING', '2026-12-04T01:00:00.000Z', null, 0.02),
    ])
      builder.add(build);
    const summary = builder.summary(
      'a~b',
      Date.parse('2026-11-30T12:00:00Z'),
      Date.parse('2026-12-04T02:00:00Z'),
    );
    expect(summary).toEqual({
      actorId: 'a~b',
      since: '2026-11-30T12:00:00.000Z',
      until: '2026-12-04T02:00:00.000Z',
      total: 6,
      byStatus: { SUCCEEDED: 2, FAILED: 1, ABORTED: 1, 'TIMED-OUT': 1, RUNNING: 1 },
      successRate: 2 / 5,
      // finished: 10, 30, 60, 120, 600 s
      durationMs: { median: 60_000, p90: 600_000, max: 600_000 },
      usageTotalUsd: 0.88,
      firstStartedAt: '2026-12-01T10:00:00.000Z',
      lastStartedAt: '2026-12-04T01:00:00.000Z',
      perDay: [
        { date: '2026-11-30', total: 0, byStatus: {} },
        { date: '2026-12-01', total: 2, byStatus: { SUCCEEDED: 2 } },
        { date: '2026-12-02', total: 0, byStatus: {} },
        { date: '2026-12-03', total: 3, byStatus: { FAILED: 1, ABORTED: 1, 'TIMED-OUT': 1 } },
        { date: '2026-12-04', total: 1, byStatus: { RUNNING: 1 } },
      ],
    });
  });

  it('gives nulls when nothing finished, and no days for no builds of --all', () => {
    const builder = new SummaryBuilder();
    builder.add({ status: 'RUNNING', startedAt: '2026-12-04T01:00:00.000Z' });
    const summary = builder.summary('a~b', null, Date.parse('2026-12-04T02:00:00Z'));
    expect(summary.successRate).toBeNull();
    expect(summary.durationMs).toEqual({ median: null, p90: null, max: null });
    expect(summary.since).toBeNull();
    expect(summary.perDay.map((d) => d.date)).toEqual(['2026-12-04']);
    expect(new SummaryBuilder().summary('a~b', null, 0).perDay).toEqual([]);
  });
});

describe('chart', () => {
  const days = [
    {
      date: '2026-12-01',
      total: 40,
      byStatus: { SUCCEEDED: 30, FAILED: 5, ABORTED: 3, RUNNING: 2 },
    },
    { date: '2026-12-02', total: 0, byStatus: {} },
    { date: '2026-12-03', total: 7, byStatus: { SUCCEEDED: 7 } },
  ];

  it('fits every line within the width, colour or not', () => {
    for (const columns of [20, 40, 80, 200]) {
      for (const on of [true, false]) {
        const lines = plain(renderChart(days, columns, painter(on)))
          .trimEnd()
          .split('\n');
        for (const line of lines)
          expect(Array.from(line).length, `${columns}: ${line}`).toBeLessThanOrEqual(columns);
        expect(lines[0]).toMatch(
          columns >= 80 ? /^2026-12-01 █+▓+▒+░+ +40$/ : /^2026-12-01 █+.* 40$/,
        );
      }
    }
  });

  it('draws the longest day across the width and the others in proportion', () => {
    const lines = plain(renderChart(days, 60, painter(false))).split('\n');
    const bar = (line: string) =>
      Array.from(line.slice(11)).filter((c) => '█▓▒░'.includes(c)).length;
    expect(bar(lines[0]!)).toBe(60 - 11 - 1 - 2);
    expect(bar(lines[1]!)).toBe(0);
    expect(bar(lines[2]!)).toBe(Math.round((7 / 40) * 46));
    expect(lines.slice(3).join(' ')).toMatch(
      /█ succeeded +▓ failed\/timed out +▒ aborted +░ unfinished/,
    );
  });

  it('shares cells out by largest remainder', () => {
    expect(split([30, 5, 3, 2], 46)).toEqual([35, 6, 3, 2]);
    expect(split([1, 1, 1], 2).reduce((a, b) => a + b)).toBe(2);
    expect(split([0, 0], 5)).toEqual([0, 0]);
  });
});

describe('pool', () => {
  it('never runs more than its size at once, and stops starting when told', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await runPool(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (item) => {
        started.push(item);
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running -= 1;
      },
      () => started.length >= 10,
    );
    expect(most).toBe(3);
    expect(started).toEqual([...Array(10).keys()]);
  });
});
