// Time from controller.abort() to the rejection, while a request hangs on the server and while
// the client waits out a 30 s Retry-After.
import type { BuildsClient } from '../src/index.js';
import { TOKEN, createBuildsClient, delay, median, ms, requestCount, type Row } from './lib.js';

async function latency(client: BuildsClient, actor: string, settleMs: number): Promise<number> {
  const controller = new AbortController();
  const walk = client.listBuilds(actor, { signal: controller.signal }).then(
    () => {
      throw new Error(`${actor}: the call resolved instead of rejecting`);
    },
    (error: unknown) => error,
  );
  await delay(settleMs);
  const start = performance.now();
  const reason = new Error('cancelled by the benchmark');
  controller.abort(reason);
  const error = await walk;
  const elapsed = performance.now() - start;
  if (error !== reason)
    throw new Error(`${actor}: rejected with ${String(error)} instead of the reason`);
  return elapsed;
}

export async function cancellation(base: string, { trials = 20 } = {}): Promise<Row[]> {
  const client = createBuildsClient({
    baseUrl: base,
    token: TOKEN,
    timeoutMs: 60_000,
    maxRetries: 3,
    minRetryDelayMs: 30_000,
    maxRetryDelayMs: 30_000,
  });
  const rows: Row[] = [];
  const cases: [string, string][] = [
    ['in flight (server never answers)', 'hang'],
    ['during a 30 s retry delay (503 + Retry-After)', 'busy'],
  ];
  for (const [label, actor] of cases) {
    await requestCount(base);
    const times: number[] = [];
    for (let trial = 0; trial < trials; trial += 1) times.push(await latency(client, actor, 20));
    const requests = await requestCount(base);
    // One request per trial: the abort lands before any retry.
    if (requests !== trials) {
      throw new Error(`${actor}: ${requests} requests for ${trials} trials`);
    }
    const worst = Math.max(...times);
    rows.push({
      measure: `Cancellation latency ${label}, ${trials} trials: median / max`,
      result: `${ms(median(times))} / ${ms(worst)}`,
      ratio: '',
      goal: '<= 50 ms',
      met: worst <= 50,
    });
  }
  return rows;
}
