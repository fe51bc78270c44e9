import type { ActorJobStatus } from './types.js';

/**
 * Whether a build in this status is finished and will not change any more
 * (SUCCEEDED, FAILED, TIMED-OUT or ABORTED).
 */
export function isTerminalStatus(status: ActorJobStatus): boolean {
  return /^(SUCCEEDED|FAILED|TIMED-OUT|ABORTED)$/.test(status);
}
