// What a user does with the package, as one script that every runtime runs: list a page, walk
// all builds both ways, walk pages, abort a build both ways, meet a 404, cancel, time out, pass
// bad input and ride out a 429. It takes the package's exports as an argument (each runtime's
// entry imports or requires `apify-builds-client` by name) and returns what it observed as
// plain JSON, which the test compares with exact expectations and the fake API's request log.
import type * as Package from 'apify-builds-client';

/** Actors the test's fake API treats specially (see fake-api.ts). */
export const ACTORS = {
  /** The fake's own Actor, with its builds. */
  main: 'janedoe~my-actor',
  /** No such Actor: a 404. */
  missing: 'janedoe~no-such-actor',
  /** Never answers (its CORS preflight is answered). */
  slow: 'janedoe~slow-actor',
  /** Two 429s with `Retry-After: 1`, then the main Actor's builds. */
  busy: 'janedoe~busy-actor',
  /** As busy, but one 429, and the response exposes Retry-After to browsers. */
  exposed: 'janedoe~exposed-actor',
  /** One 429 with `Retry-After: 7` (not exposed to browsers), then the main Actor's builds. */
  limited: 'janedoe~limited-actor',
} as const;

export const MISSING_BUILD = 'NoSuchBuild000000';
export const USER_AGENT = 'ecosystem-scenario/1';

export interface ScenarioConfig {
  baseUrl: string;
  token: string;
}

/** An error as plain data: its class among the package's and the built-in ones, and fields. */
export interface ErrorReport {
  name: string;
  kind: string;
  isApifyError: boolean;
  message: string;
  status?: number;
  type?: string;
  apiMessage?: string;
  method?: string;
  path?: string;
  attempts?: number;
}

type Api = typeof Package;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(api: Api, error: unknown): ErrorReport {
  if (!(error instanceof Error))
    return {
      name: typeof error,
      kind: 'not an Error',
      isApifyError: false,
      message: String(error),
    };
  const kinds = [
    ['ApifyApiError', api.ApifyApiError],
    ['ApifyTimeoutError', api.ApifyTimeoutError],
    ['ApifyNetworkError', api.ApifyNetworkError],
    ['RangeError', RangeError],
    ['TypeError', TypeError],
  ] as const;
  const report: ErrorReport = {
    name: error.name,
    kind: kinds.find(([, kind]) => error instanceof kind)?.[0] ?? 'Error',
    isApifyError: error instanceof api.ApifyError,
    message: error.message,
  };
  if (error instanceof api.ApifyError) {
    Object.assign(report, { method: error.method, path: error.path, attempts: error.attempts });
  }
  if (error instanceof api.ApifyApiError) {
    Object.assign(report, { status: error.status, type: error.type, apiMessage: error.apiMessage });
  }
  return report;
}

/** The rejection of `work` as a report; an error when it resolves. */
async function rejection(api: Api, work: () => Promise<unknown>): Promise<ErrorReport> {
  try {
    const value = await work();
    return { name: 'resolved', kind: 'none', isApifyError: false, message: JSON.stringify(value) };
  } catch (error) {
    return describe(api, error);
  }
}

export async function runScenario(api: Api, config: ScenarioConfig) {
  const { baseUrl, token } = config;
  const quick = { baseUrl, token, minRetryDelayMs: 1, maxRetryDelayMs: 3_000 };
  const client = api.createBuildsClient({ ...quick, userAgent: USER_AGENT });

  // One page, newest first.
  const first = await client.listBuilds(ACTORS.main, { limit: 10, desc: true });
  const running = first.items.find((build) => build.status === 'RUNNING');
  const page = {
    total: first.total,
    offset: first.offset,
    limit: first.limit,
    count: first.count,
    desc: first.desc,
    ids: first.items.map((build) => build.id),
    runningId: running?.id,
    terminal: first.items.map((build) => api.isTerminalStatus(build.status)),
  };

  // Every build, oldest first and newest first, in the default pages of 1000.
  const ascending: string[] = [];
  for await (const build of client.iterateBuilds(ACTORS.main)) ascending.push(build.id);
  const descending: string[] = [];
  for await (const build of client.iterateBuilds(ACTORS.main, { desc: true })) {
    descending.push(build.id);
  }

  // Pages from a checkpoint, with a cap on the items.
  const pages: {
    offset: number;
    count: number;
    first: string | undefined;
    last: string | undefined;
  }[] = [];
  for await (const each of client.iterateBuildPages(ACTORS.main, {
    offset: 100,
    pageSize: 600,
    maxItems: 1500,
  })) {
    pages.push({
      offset: each.offset,
      count: each.count,
      first: each.items[0]?.id,
      last: each.items.at(-1)?.id,
    });
  }

  // Abort the running build by its id, then again by the deprecated two-id form.
  const aborted = running ? await client.abortBuild(running.id) : undefined;
  const abortedAgain = running ? await client.abortBuild(ACTORS.main, running.id) : undefined;

  // Not found: an ApifyApiError naming the request.
  const notFound = await rejection(api, () => client.listBuilds(ACTORS.missing));
  const abortNotFound = await rejection(api, () => client.abortBuild(MISSING_BUILD));

  // The caller's signal aborts a walk in the middle of a page, with a page fetched ahead.
  const walkController = new AbortController();
  const walkReason = new Error('stopped by the user');
  let walked = 0;
  let walkError: unknown;
  try {
    for await (const build of client.iterateBuilds(ACTORS.main, {
      pageSize: 100,
      signal: walkController.signal,
    })) {
      if (build.id) walked += 1;
      if (walked === 150) {
        // Let the page fetched ahead arrive, so the request log does not depend on timing.
        await sleep(500);
        walkController.abort(walkReason);
      }
    }
  } catch (error) {
    walkError = error;
  }
  const cancelWalk = {
    walked,
    rejectedWithReason: walkError === walkReason,
    error: describe(api, walkError),
  };

  // ... and a request that is still waiting for an answer.
  const flightController = new AbortController();
  const flightReason = new Error('no longer needed');
  const flight = client.listBuilds(ACTORS.slow, { signal: flightController.signal });
  const flightStarted = Date.now();
  setTimeout(() => flightController.abort(flightReason), 500);
  let flightError: unknown;
  try {
    await flight;
  } catch (error) {
    flightError = error;
  }
  const cancelInFlight = {
    rejectedWithReason: flightError === flightReason,
    prompt: Date.now() - flightStarted < 5_000,
  };

  // A per-attempt timeout, retried once.
  const impatient = api.createBuildsClient({ ...quick, timeoutMs: 300, maxRetries: 1 });
  const timeout = await rejection(api, () => impatient.listBuilds(ACTORS.slow, { limit: 5 }));

  // Bad input: rejected before anything is sent.
  const badInput = {
    limit: await rejection(api, () => client.listBuilds(ACTORS.main, { limit: 0 })),
    offset: await rejection(api, () => client.listBuilds(ACTORS.main, { offset: 1.5 })),
    actorId: await rejection(api, () => client.listBuilds('janedoe/my-actor')),
    buildId: await rejection(api, () => client.abortBuild('')),
    unknownKey: await rejection(api, () =>
      client.iterateBuilds(ACTORS.main, { limit: 5 } as Package.IterateBuildsOptions).next(),
    ),
    pageSize: await rejection(api, () =>
      client.iterateBuildPages(ACTORS.main, { pageSize: 1001 }).next(),
    ),
    timeoutMs: await rejection(api, () =>
      Promise.resolve().then(() => api.createBuildsClient({ timeoutMs: -1 })),
    ),
  };

  // 429 with Retry-After: retried, then the page. Where the header cannot be read (a browser,
  // when the server does not expose it), the client falls back to its own short backoff.
  const busyStarted = Date.now();
  const busyPage = await client.listBuilds(ACTORS.busy, { limit: 2 });
  const busy = { count: busyPage.count, waitedMs: Date.now() - busyStarted };
  const exposedStarted = Date.now();
  const exposedPage = await client.listBuilds(ACTORS.exposed, { limit: 2 });
  const exposed = { count: exposedPage.count, waitedMs: Date.now() - exposedStarted };
  // With retries off, the 429 itself, and its Retry-After as the caller can read it.
  const once = api.createBuildsClient({ ...quick, maxRetries: 0 });
  let retryAfter: string | null | undefined;
  const limited = await rejection(api, () =>
    once.listBuilds(ACTORS.limited, { limit: 2 }).catch((error: unknown) => {
      if (error instanceof api.ApifyApiError) retryAfter = error.headers.get('retry-after');
      throw error;
    }),
  );

  // No token given: the client takes APIFY_TOKEN from the environment where `process` exists.
  const fromEnvironment = api.createBuildsClient({ baseUrl, maxRetries: 0 });
  const envToken = await fromEnvironment.listBuilds(ACTORS.main, { limit: 1 }).then(
    (result) => ({ ok: true, count: result.count }),
    (error: unknown) => ({ ok: false, error: describe(api, error) }),
  );

  return {
    page,
    walkAscending: { count: ascending.length, ids: ascending },
    walkDescending: { count: descending.length, ids: descending },
    pages,
    abort: aborted && { id: aborted.id, status: aborted.status },
    abortDeprecated: abortedAgain && { id: abortedAgain.id, status: abortedAgain.status },
    notFound,
    abortNotFound,
    cancelWalk,
    cancelInFlight,
    timeout,
    badInput,
    busy,
    exposed,
    limited: { ...limited, retryAfter },
    envToken,
  };
}

export type ScenarioReport = Awaited<ReturnType<typeof runScenario>>;
