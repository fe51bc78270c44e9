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
  if (!signal) return promise;
  // Whichever loses, its rejection is handled here.
  promise.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    // Already aborted: rejects with `signal.reason`.
    signal.throwIfAborted();
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}

/** Aborts `target` when `source` aborts, with the same reason; call the result to unlink. */
export function forwardAbort(
  source: AbortSignal | null | undefined,
  target: AbortController,
): () => void {
  const onAbort = (): void => target.abort(source?.reason);
  if (source?.aborted) onAbort();
  else source?.addEventListener('abort', onAbort, { once: true });
  return () => source?.removeEventListener('abort', onAbort);
}
