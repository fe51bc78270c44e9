// Times on the command line: `--since` (an ISO 8601 date or date-time, or a duration back from
// now), `--poll-interval` and `--timeout` (durations), and durations shown in tables.
import { UsageError, quote } from './args.js';

const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** A duration such as `90s`, `30m`, `12h`, `7d`, `2w` in ms; undefined when `text` is not one. */
export function durationMs(text: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  if (count <= 0 || !Number.isSafeInteger(count * UNITS[match[2]!]!)) return undefined;
  return count * UNITS[match[2]!]!;
}

const DURATION_HELP =
  'a positive integer and one unit of s, m, h, d, w (e.g. 90s, 30m, 12h, 7d, 2w)';

/** A duration flag's value in ms, at least `minMs`. */
export function durationFlag(flag: string, text: string, minMs = 1): number {
  const ms = durationMs(text);
  if (ms === undefined)
    throw new UsageError(`--${flag} must be a duration: ${DURATION_HELP}; got ${quote(text)}`);
  if (ms < minMs)
    throw new UsageError(`--${flag} must be at least ${formatDuration(minMs)}, got ${text}`);
  return ms;
}

// YYYY-MM-DD, optionally THH:MM[:SS[.fff]] and a zone (Z or ±HH:MM); without a zone it is UTC.
const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant `--since` means, in ms since the epoch: a date (midnight UTC), a date-time (UTC
 * unless it has a zone) or a duration back from `now`.
 */
export function sinceFlag(text: string, now: number, flag = 'since'): number {
  const ms = durationMs(text);
  if (ms !== undefined) return now - ms;
  const match = DATE.exec(text);
  if (match) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${zoneOf(zone)}`;
    const time = Date.parse(iso);
    // Date.parse rolls 31 February over to March; a real date prints back as itself.
    if (Number.isFinite(time) && isRealDate(Number(y), Number(mo), Number(d)) && Number(h) < 24)
      return time;
  }
  throw new UsageError(
    `--${flag} must be an ISO 8601 date or date-time (2026-12-01, 2026-12-01T08:00:00Z) or a duration back from now: ${DURATION_HELP}; got ${quote(text)}`,
  );
}

function zoneOf(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A duration for people: `45s`, `3m 05s`, `2h 10m`, `3d 4h`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
