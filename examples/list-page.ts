// One page of an Actor's builds, newest first.
//   APIFY_TOKEN=… npm run example list-page [actor]
// APIFY_BASE_URL points it at another server, e.g. `npm run mock`'s http://127.0.0.1:4010.
import { ApifyApiError, createBuildsClient } from 'apify-builds-client';

const actorId = process.argv[2] ?? process.env.APIFY_ACTOR ?? 'janedoe~my-actor';
const client = createBuildsClient({
  // The token defaults to APIFY_TOKEN anyway; the base URL is read here, not by the client.
  token: process.env.APIFY_TOKEN,
  baseUrl: process.env.APIFY_BASE_URL ?? 'https://api.apify.com',
});

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
