// Every build of an Actor, page by page, with a checkpoint after each page.
// Stop it any time and the next run resumes where the last one left off.
//   APIFY_TOKEN=… npm run example walk-with-checkpoints [actor]
// CHECKPOINT_FILE says where the offset is kept (default: .scratch/checkpoint.json);
// STOP_AFTER_PAGES stops the walk early, as a crash would.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBuildsClient, type BuildShort } from 'apify-builds-client';

const actorId = process.argv[2] ?? process.env.APIFY_ACTOR ?? 'janedoe~my-actor';
const checkpointFile = process.env.CHECKPOINT_FILE ?? path.join('.scratch', 'checkpoint.json');
const stopAfterPages = Number(process.env.STOP_AFTER_PAGES || Infinity);
// The token comes from APIFY_TOKEN, the API's address from APIFY_API_BASE_URL when it is set.
const client = createBuildsClient();

async function loadCheckpoint(): Promise<number> {
  const text = await readFile(checkpointFile, 'utf8').catch(() => undefined);
  return text === undefined ? 0 : (JSON.parse(text) as { offset: number }).offset;
}

async function saveCheckpoint(offset: number): Promise<void> {
  await mkdir(path.dirname(checkpointFile), { recursive: true });
  await writeFile(checkpointFile, JSON.stringify({ offset }));
}

/** Stands for your own work on a page: here, counting the statuses. */
const statuses = new Map<string, number>();
function store(builds: BuildShort[]): void {
  for (const build of builds) statuses.set(build.status, (statuses.get(build.status) ?? 0) + 1);
}

const start = await loadCheckpoint();
console.log(start === 0 ? 'starting from the oldest build' : `resuming at offset ${start}`);
let pages = 0;
for await (const page of client.iterateBuildPages(actorId, { offset: start, pageSize: 500 })) {
  store(page.items);
  // The offset of the next build to read: the checkpoint to resume from.
  const next = page.offset + page.count;
  await saveCheckpoint(next);
  pages += 1;
  console.log(`builds ${page.offset + 1}-${next} of ${page.total}; checkpoint at ${next}`);
  if (pages >= stopAfterPages) {
    console.log(`stopped after ${pages} pages; run again to resume`);
    process.exit(0);
  }
}
console.log(`done: ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}`);
// A finished walk starts from the beginning next time.
await rm(checkpointFile, { force: true });
