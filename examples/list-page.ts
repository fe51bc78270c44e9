// One page of an Actor's builds, newest first.
//   APIFY_TOKEN=… npm run example list-page [actor]
import { ApifyApiError, createBuildsClient } from 'apify-builds-client';

const actorId = process.argv[2] ?? process.env.APIFY_ACTOR ?? 'janedoe~my-actor';
// The token comes from APIFY_TOKEN, the API's address from APIFY_API_BASE_URL when it is set.
const client = createBuildsClient();

try {
  const page = await client.listBuilds(actorId, { limit: 10, desc: true });
  console.log(`${actorId}: the newest ${page.count} of ${page.total} builds`);
  for (const build of page.items) {
    console.log(`${build.id}  ${build.status.padEnd(10)}  ${build.startedAt}`);
  }
} catch (error) {
  if (!(error instanceof ApifyApiError)) throw error;
  // e.g. 404 record-not-found when the Actor does not exist or the token cannot see it.
  console.error(`${error.status} ${error.type ?? ''}: ${error.message}`);
  process.exitCode = 1;
}
