// The per-day chart of `apify-builds stats` on a terminal: one bar per UTC day, split by outcome
// into Unicode blocks (a different block each, so it reads without colour too), within a width.
import type { Paint, Style } from './colour.js';
import type { DayFigures } from './summary.js';

interface Outcome {
  label: string;
  block: string;
  style: Style;
  statuses: readonly string[];
}

export const OUTCOMES: readonly Outcome[] = [
  { label: 'succeeded', block: '█', style: 'green', statuses: ['SUCCEEDED'] },
  { label: 'failed/timed out', block: '▓', style: 'red', statuses: ['FAILED', 'TIMED-OUT'] },
  { label: 'aborted', block: '▒', style: 'yellow', statuses: ['ABORTED'] },
  {
    label: 'unfinished',
    block: '░',
    style: 'cyan',
    statuses: ['READY', 'RUNNING', 'TIMING-OUT', 'ABORTING'],
  },
];

/** The chart's lines, none wider than `columns` (at least 20). */
export function renderChart(days: readonly DayFigures[], columns: number, paint: Paint): string {
  const width = Math.max(columns, 20);
  const most = Math.max(0, ...days.map((day) => day.total));
  const countWidth = String(most).length;
  // `YYYY-MM-DD ` + bar + ` ` + count
  const barWidth = Math.max(1, width - 11 - 1 - countWidth);
  let out = '';
  for (const day of days) {
    const parts = OUTCOMES.map((o) => o.statuses.reduce((n, s) => n + (day.byStatus[s] ?? 0), 0));
    // Statuses the chart does not know (a new one) count as unfinished.
    parts[3]! += day.total - parts.reduce((a, b) => a + b, 0);
    const length = day.total === 0 ? 0 : Math.max(1, Math.round((day.total / most) * barWidth));
    const cells = split(parts, length);
    const bar = OUTCOMES.map((o, i) =>
      cells[i] ? paint(o.style, o.block.repeat(cells[i])) : '',
    ).join('');
    const count = day.total === 0 ? paint('dim', '0') : String(day.total);
    out +=
      `${paint('dim', day.date)} ${bar}${' '.repeat(barWidth - length)} ${count.padStart(countWidth)}`.trimEnd();
    out += '\n';
  }
  return out + legend(width, paint);
}

/** `length` cells shared out in proportion to `parts` (largest remainder first). */
export function split(parts: readonly number[], length: number): number[] {
  const total = parts.reduce((a, b) => a + b, 0);
  if (total === 0 || length === 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p / total) * length);
  const cells = exact.map(Math.floor);
  let left = length - cells.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  for (const { index } of order) {
    if (left === 0) break;
    cells[index]! += 1;
    left -= 1;
  }
  return cells;
}

/** The legend, wrapped to `width`. */
function legend(width: number, paint: Paint): string {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const outcome of OUTCOMES) {
    const entry = `${outcome.block} ${outcome.label}`;
    if (used > 0 && used + 2 + entry.length > width) {
      lines.push(line);
      [line, used] = ['', 0];
    }
    line += `${used > 0 ? '  ' : ''}${paint(outcome.style, outcome.block)} ${outcome.label}`;
    used += (used > 0 ? 2 : 0) + entry.length;
  }
  lines.push(line);
  return lines.map((l) => `${l}\n`).join('');
}
