// Aborts every build of an Actor that has not finished yet (READY or RUNNING).
//   APIFY_TOKEN=… npm run example abort-running [actor]
import { createBuildsClient, isTerminalStatus } from 'apify-builds-client';

const actorId = process.argv[2] ?? process.env.APIFY_ACTOR ?? 'janedoe~my-actor';
// The token comes from APIFY_TOKEN, the API's address from APIFY_API_BASE_URL when it is set.
const client = createBuildsClient();

// Builds that are still going are among the newest; stop at the first 1000.
const going: string[] = [];
for await (const build of client.iterateBuilds(actorId, { desc: true, maxItems: 1000 })) {
  if (!isTerminalStatus(build.status) && build.status !== 'ABORTING') going.push(build.id);
}
if (going.length === 0) console.log(`${actorId}: no running builds`);
for (const buildId of going) {
  // abortBuild resolves to the build; a build that finished meanwhile comes back unchanged.
  const build = await client.abortBuild(buildId);
  console.log(`abort ${buildId}: now ${build.status}`);
}
