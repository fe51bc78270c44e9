// Exit codes: the errors that carry their own, and the code any error means (CLI.md). Nothing
// here loads the client, so the bin's error path costs nothing at start-up.
import { UsageError } from './args.js';

/** An error with its own exit code: a missing token (4), a declined prompt (3), a wait (6). */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the API refused the token: a 401 or a 403 (exit 4; a bulk abort stops). */
export function isAuthError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 401 || status === 403;
}

/** 2 usage, 4 no token or 401/403, the code an ExitError carries, else 1. */
export function exitCode(error: unknown): number {
  if (error instanceof UsageError) return 2;
  if (error instanceof ExitError) return error.exitCode;
  // The library rejects bad input (an id with a slash, say) before sending anything.
  if (error instanceof TypeError || error instanceof RangeError) return 2;
  return isAuthError(error) ? 4 : 1;
}
