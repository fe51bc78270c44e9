// The fake API for the ecosystem scenario. This is the only file here that imports the fake.
import { startFakeApi, type FakeApi, type RecordedRequest } from '../../fake-api/server.js';
import { ACTORS } from './scenario.js';

export type { FakeApi, RecordedRequest };

export const BUILD_COUNT = 2500;

/**
 * The fake API with 2,500 builds, accepting only `token`, and in front of it the scenario's
 * special Actors: `slow` never answers (its preflight is answered), `busy`, `exposed` and
 * `limited` first answer 429 with Retry-After and then list the main Actor's builds.
 */
export async function startScenarioServer(token: string): Promise<FakeApi> {
  const server = await startFakeApi({ buildCount: BUILD_COUNT, token });
  const failures: Record<string, [times: number, retryAfter: number, expose: boolean]> = {
    [ACTORS.busy]: [2, 1, false],
    [ACTORS.exposed]: [1, 1, true],
    [ACTORS.limited]: [1, 7, false],
  };
  const armed = new Set<string>();
  server.override((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const actor = /^\/v2\/actors\/([^/]+)\/builds$/.exec(url.pathname)?.[1];
    if (actor === ACTORS.slow && req.method !== 'OPTIONS') return; // no answer
    const failure = actor === undefined ? undefined : failures[actor];
    if (actor === undefined || failure === undefined) return 'next';
    const [times, retryAfter, expose] = failure;
    // Routed requests (not preflights) take the fake's queued failures in order.
    if (req.method !== 'OPTIONS' && !armed.has(actor)) {
      armed.add(actor);
      server.failNext(429, times, retryAfter);
    }
    // writeHead() merges headers set before it: browsers may then read Retry-After.
    if (expose) res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    // The fake answers these as the main Actor; the request log keeps the URL as sent.
    req.url = req.url!.replace(actor, ACTORS.main);
    return 'next';
  });
  return server;
}
