// `--status`: a comma-separated list of the API's statuses, case-insensitive, or the groups
// `unfinished` and `finished`.
import { isTerminalStatus, type ActorJobStatus } from '../index.js';
import { UsageError, closest, quote } from './args.js';

/** Every status of the API, in the order a build can pass through them. */
export const STATUSES = [
  'READY',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMING-OUT',
  'TIMED-OUT',
  'ABORTING',
  'ABORTED',
] as const satisfies readonly ActorJobStatus[];

/** Compiles only while every status of the API is listed in STATUSES. */
export const EVERY_STATUS_LISTED: [Exclude<ActorJobStatus, (typeof STATUSES)[number]>] extends [
  never,
]
  ? true
  : never = true;

/** The statuses after which a build does not change any more. */
export const FINISHED: readonly string[] = STATUSES.filter(isTerminalStatus);

/** The set of statuses `--status` selects. */
export function statusFilter(text: string, allowed: readonly string[] = STATUSES): Set<string> {
  const selected = new Set<string>();
  const accepts = `a comma-separated list of ${allowed.join(', ')}${
    allowed.length === STATUSES.length ? ', unfinished or finished' : ''
  }`;
  for (const part of text.split(',')) {
    const word = part.trim().toUpperCase();
    if (allowed.length === STATUSES.length && word === 'UNFINISHED') {
      for (const status of STATUSES) if (!FINISHED.includes(status)) selected.add(status);
    } else if (allowed.length === STATUSES.length && word === 'FINISHED') {
      for (const status of FINISHED) selected.add(status);
    } else if (allowed.includes(word)) {
      selected.add(word);
    } else {
      const nearest = closest(word, [...allowed]);
      throw new UsageError(
        `--status must be ${accepts}; got ${quote(part.trim())}${nearest ? ` (did you mean ${nearest}?)` : ''}`,
      );
    }
  }
  return selected;
}
