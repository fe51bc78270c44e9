// `apify-builds stats <actorId>`: the figures of the builds started since WHEN (default 30 days),
// with a per-day chart on a terminal, one JSON object otherwise.
import type { BuildsClientOptions } from '../index.js';
import { UsageError, stringFlag, type Parsed } from './args.js';
import { openClient } from './api.js';
import { renderChart } from './chart.js';
import { statusStyle } from './colour.js';
import type { Io } from './io.js';
import { oneActor } from './list.js';
import { selectBuilds } from './select.js';
import { STATUSES } from './status.js';
import { SummaryBuilder, type Summary } from './summary.js';
import { formatDuration, sinceFlag } from './time.js';

export async function stats(
  io: Io,
  { values, positionals }: Parsed,
  options: Partial<BuildsClientOptions>,
): Promise<number> {
  const actorId = oneActor(positionals, 'stats');
  if (values['all'] === true && values['since'] !== undefined)
    throw new UsageError('--since and --all conflict; give one');
  const now = io.now();
  const sinceMs =
    values['all'] === true ? null : sinceFlag(stringFlag(values, 'since') ?? '30d', now);
  const client = openClient(io, options);
  const builder = new SummaryBuilder();
  for await (const batch of selectBuilds(io, client, actorId, {
    newestFirst: true,
    sinceMs: sinceMs ?? undefined,
    pageSize: 1000,
  }))
    for (const build of batch) builder.add(build);
  const summary = builder.summary(actorId, sinceMs, now);
  if (io.format === 'table') await io.out(render(summary, io));
  else await io.out(`${JSON.stringify(summary, null, io.format === 'ndjson' ? undefined : 2)}\n`);
  return 0;
}

/** The figures and the chart, for a terminal. */
function render(summary: Summary, io: Io): string {
  const paint = io.paintOut;
  const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
  const ms = (n: number | null) => (n === null ? '–' : formatDuration(n));
  const window = summary.since === null ? 'all builds' : `since ${summary.since}`;
  const known: readonly string[] = STATUSES;
  const byStatus = [...known, ...Object.keys(summary.byStatus).filter((s) => !known.includes(s))]
    .filter((s) => summary.byStatus[s])
    .map((s) => `${paint(statusStyle(s), s)} ${summary.byStatus[s]}`)
    .join('  ');
  const lines = [
    `${paint('bold', summary.actorId)}: ${summary.total} build${summary.total === 1 ? '' : 's'}, ${window}`,
    '',
    `  By status     ${byStatus || '–'}`,
    `  Success rate  ${summary.successRate === null ? '– (none finished)' : percent(summary.successRate)}`,
    `  Duration      median ${ms(summary.durationMs.median)}  p90 ${ms(summary.durationMs.p90)}  max ${ms(summary.durationMs.max)}`,
    `  Cost          $${summary.usageTotalUsd.toFixed(4)}`,
    `  First build   ${summary.firstStartedAt ?? '–'}`,
    `  Last build    ${summary.lastStartedAt ?? '–'}`,
    '',
  ];
  const chart = summary.perDay.length
    ? `${paint('bold', 'Builds per day (UTC)')}\n${renderChart(summary.perDay, io.columns(), paint)}`
    : '';
  return `${lines.join('\n')}\n${chart}`;
}
