// Abortable waiting that leaves no timer or listener behind once it settles.

/** Resolves after `ms`, or rejects with `signal.reason` as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return raceAbort(waited, signal).finally(() => clearTimeout(timer));
}

/**
 * Settles like `promise`, or rejects with `signal.reason` when the signal aborts first (so a
 * fetch implementation that is slow to notice an abort cannot delay the caller).
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | null | undefined,
): Promise<T> {
  // Whichever loses, its rejection is handled here; the listener goes when `promise` settles.
  return new Promise<T>((resolve, reject) => {
    promise.finally(forwardAbort(signal, { abort: reject })).then(resolve, reject);
  });
}

/**
 * Aborts `target` (an AbortController, or anything with such an `abort`) when `source` aborts,
 * with the same reason, at once if it already has; call the result to unlink.
 */
export function forwardAbort(
  source: AbortSignal | null | undefined,
  target: { abort(reason: unknown): void },
): () => void {
  const onAbort = (): void => target.abort(source?.reason);
  if (source?.aborted) onAbort();
  else source?.addEventListener('abort', onAbort, { once: true });
  return () => source?.removeEventListener('abort', onAbort);
}
