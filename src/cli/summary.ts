// The figures of `apify-builds stats`: counts by status, success rate, durations, cost and
// builds per UTC day, computed from the listed builds alone.
import { FINISHED } from './status.js';
import { utcDay } from './time.js';

/** What stats needs of a listed build. */
export interface BuildFigures {
  status: string;
  startedAt: string;
  finishedAt?: string | null | undefined;
  usageTotalUsd?: number | null | undefined;
}

export interface DayFigures {
  /** A UTC day, `YYYY-MM-DD`. */
  date: string;
  total: number;
  byStatus: Record<string, number>;
}

export interface Summary {
  actorId: string;
  /** ISO date-time; null for every build (`--all`). */
  since: string | null;
  until: string;
  total: number;
  byStatus: Record<string, number>;
  /** SUCCEEDED out of SUCCEEDED, FAILED, TIMED-OUT and ABORTED; null when none finished. */
  successRate: number | null;
  /** finishedAt − startedAt of the finished builds; null values when none finished. */
  durationMs: { median: number | null; p90: number | null; max: number | null };
  usageTotalUsd: number;
  firstStartedAt: string | null;
  lastStartedAt: string | null;
  /** Every UTC day from the first to the last, oldest first, days without builds included. */
  perDay: DayFigures[];
}

/** Accumulates builds in any order; summary() gives the figures. */
export class SummaryBuilder {
  #byStatus: Record<string, number> = {};
  #durations: number[] = [];
  #usd = 0;
  #total = 0;
  #first: string | null = null;
  #firstMs = Infinity;
  #last: string | null = null;
  #lastMs = -Infinity;
  #days = new Map<string, DayFigures>();

  add(build: BuildFigures): void {
    this.#total += 1;
    count(this.#byStatus, build.status);
    if (typeof build.usageTotalUsd === 'number' && Number.isFinite(build.usageTotalUsd))
      this.#usd += build.usageTotalUsd;
    const started = Date.parse(build.startedAt);
    if (started < this.#firstMs) [this.#firstMs, this.#first] = [started, build.startedAt];
    if (started > this.#lastMs) [this.#lastMs, this.#last] = [started, build.startedAt];
    if (FINISHED.includes(build.status) && build.finishedAt) {
      const finished = Date.parse(build.finishedAt);
      if (Number.isFinite(finished) && Number.isFinite(started))
        this.#durations.push(Math.max(0, finished - started));
    }
    if (Number.isFinite(started)) {
      const date = utcDay(started);
      let day = this.#days.get(date);
      if (!day) this.#days.set(date, (day = { date, total: 0, byStatus: {} }));
      day.total += 1;
      count(day.byStatus, build.status);
    }
  }

  /** The figures for builds from `sinceMs` (null: all) to `untilMs`. */
  summary(actorId: string, sinceMs: number | null, untilMs: number): Summary {
    const finished = FINISHED.reduce((sum, status) => sum + (this.#byStatus[status] ?? 0), 0);
    const durations = this.#durations.sort((a, b) => a - b);
    const firstDay = sinceMs ?? (this.#first === null ? null : this.#firstMs);
    return {
      actorId,
      since: sinceMs === null ? null : new Date(sinceMs).toISOString(),
      until: new Date(untilMs).toISOString(),
      total: this.#total,
      byStatus: { ...this.#byStatus },
      successRate: finished === 0 ? null : (this.#byStatus['SUCCEEDED'] ?? 0) / finished,
      durationMs: {
        median: median(durations),
        p90: nearestRank(durations, 90),
        max: durations.at(-1) ?? null,
      },
      // Sums of cents drift in binary (0.1 + 0.2); ten decimals keep every real digit.
      usageTotalUsd: Math.round(this.#usd * 1e10) / 1e10,
      firstStartedAt: this.#first,
      lastStartedAt: this.#last,
      perDay: firstDay === null ? [] : this.#daysFrom(firstDay, Math.max(untilMs, this.#lastMs)),
    };
  }

  #daysFrom(fromMs: number, toMs: number): DayFigures[] {
    const days: DayFigures[] = [];
    const last = utcDay(toMs);
    for (let ms = Date.parse(`${utcDay(fromMs)}T00:00:00Z`); ; ms += 86_400_000) {
      const date = utcDay(ms);
      days.push(this.#days.get(date) ?? { date, total: 0, byStatus: {} });
      if (date >= last) return days;
    }
  }
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The middle value of sorted numbers; the mean of the two middle ones for an even count. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank `percent`-th percentile of sorted numbers: the ⌈percent·n/100⌉-th smallest. */
export function nearestRank(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  // In integers: 0.9 * 70 is 63.00000000000001 in binary, 90 * 70 / 100 is 63.
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1]!;
}
