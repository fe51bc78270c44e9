// A long walk that Ctrl+C cancels cleanly.
// The request in flight is aborted, the loop ends with the signal's reason, and nothing is left
// running.
//   APIFY_TOKEN=… npm run example cancel-on-ctrl-c [actor]
import { setTimeout as sleep } from 'node:timers/promises';
import { createBuildsClient } from 'apify-builds-client';

const actorId = process.argv[2] ?? process.env.APIFY_ACTOR ?? 'janedoe~my-actor';
// The token comes from APIFY_TOKEN, the API's address from APIFY_API_BASE_URL when it is set.
const client = createBuildsClient();

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('cancelled with Ctrl+C')));

let seen = 0;
try {
  for await (const page of client.iterateBuildPages(actorId, {
    pageSize: 10,
    signal: controller.signal,
  })) {
    seen += page.count;
    console.log(`${seen} of ${page.total} builds`);
    // Stands for slow work on each page (writing it somewhere, say).
    await sleep(200, undefined, { signal: controller.signal });
  }
  console.log(`done: ${seen} builds`);
} catch (error) {
  if (!controller.signal.aborted) throw error;
  console.log(`stopped after ${seen} builds: ${(controller.signal.reason as Error).message}`);
  process.exitCode = 130;
}
