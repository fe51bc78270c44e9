export function boundedFetch(
  fetchImpl: typeof fetch,
  options?: { limit?: number; retries?: number; timeoutMs?: number; delayMs?: number },
): typeof fetch;
