// `npm run demo`: the built package (dist/index.js) against the local fake API, offline and
// without a token: walk every build page by page, abort a running build, try to abort a
// finished one, and print what happened.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeApi } from '../fake-api/server.js';
import type * as Package from '../src/index.js';
import { build } from './build.js';
import { distPath } from './lib/paths.js';

const entry = path.join(distPath, 'index.js');
if (!existsSync(entry)) {
  console.log('demo: dist/ is missing; running npm run build first');
  const built = await build();
  if (!built.ok) throw new Error(`npm run build failed:\n${built.output}`);
}
// The built package, typed by its sources.
const { createBuildsClient, isTerminalStatus, ApifyApiError } = (await import(
  pathToFileURL(entry).href
)) as typeof Package;

const BUILD_COUNT = 2500;
const PAGE_SIZE = 1000;

type Row = Record<string, string | number>;

function table(rows: Row[], columns: string[]): string {
  const widths = columns.map((c) =>
    Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)),
  );
  const line = (cells: (string | number | undefined)[]) =>
    cells
      .map((cell, i) => String(cell ?? '').padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c]))),
  ].join('\n');
}

const server = await startFakeApi({ buildCount: BUILD_COUNT, seed: 7 });
const actorId = server.actor.name;
try {
  console.log(`Fake Apify API on ${server.url}: Actor ${actorId} with ${BUILD_COUNT} builds\n`);
  // An explicit placeholder token: a real APIFY_TOKEN from the environment is never sent to the fake.
  const client = createBuildsClient({
    baseUrl: server.url,
    token: 'demo-placeholder',
    maxRetries: 2,
  });

  // 1. Walk every build, one page at a time.
  const started = performance.now();
  const byStatus = new Map<string, number>();
  let walked = 0;
  let pageNumber = 0;
  let running: Package.BuildShort | undefined;
  let finished: Package.BuildShort | undefined;
  for await (const page of client.iterateBuildPages(actorId, { pageSize: PAGE_SIZE })) {
    pageNumber += 1;
    for (const build of page.items) {
      byStatus.set(build.status, (byStatus.get(build.status) ?? 0) + 1);
      if (build.status === 'RUNNING') running = build;
      if (!finished && isTerminalStatus(build.status)) finished = build;
    }
    walked += page.count;
    console.log(
      `page ${pageNumber}: builds ${page.offset + 1}-${page.offset + page.count} of ${page.total} ` +
        `(${Math.round(performance.now() - started)} ms)`,
    );
  }
  console.log(`walked ${walked} builds in ${pageNumber} pages\n`);
  console.log(
    table(
      [...byStatus].map(([status, count]) => ({ status, count })),
      ['status', 'count'],
    ),
  );

  // 2. Abort a running build: it moves to ABORTING, then ABORTED.
  console.log('');
  if (running) {
    const aborted = await client.abortBuild(running.id);
    console.log(`abort ${running.id}: ${running.status} -> ${aborted.status}`);
  }

  // 3. Aborting a finished build changes nothing.
  if (finished) {
    const again = await client.abortBuild(finished.id);
    const unchanged = again.status === finished.status && again.finishedAt === finished.finishedAt;
    console.log(
      `abort ${finished.id}: ${finished.status} -> ${again.status} (${unchanged ? 'unchanged' : 'CHANGED'})`,
    );
  }

  // 4. An unknown Actor is an ApifyApiError with the API's error type.
  try {
    await client.listBuilds('nobody~nothing');
  } catch (error) {
    if (!(error instanceof ApifyApiError)) throw error;
    console.log(`list nobody~nothing: ${error.status} ${error.type ?? ''}`);
  }

  // 5. The newest builds, after the abort.
  const newest = await client.listBuilds(actorId, { limit: 5, desc: true });
  console.log(`\nnewest ${newest.count} of ${newest.total} builds:`);
  console.log(
    table(
      newest.items.map((b) => ({
        id: b.id,
        status: b.status,
        startedAt: b.startedAt,
        finishedAt: b.finishedAt ?? '-',
      })),
      ['id', 'status', 'startedAt', 'finishedAt'],
    ),
  );
} finally {
  await server.close();
}
