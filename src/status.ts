import type { ActorJobStatus } from './types.js';

const TERMINAL: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED']);

/**
 * Whether a build in this status is finished and will not change any more
 * (SUCCEEDED, FAILED, TIMED-OUT or ABORTED).
 */
export function isTerminalStatus(status: ActorJobStatus): boolean {
  return TERMINAL.has(status);
}
