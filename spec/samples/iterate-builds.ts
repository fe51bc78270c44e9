import {
  createBuildsClient,
  isTerminalStatus,
} from 'apify-builds-client';

// The token comes from APIFY_TOKEN.
const client = createBuildsClient();

// Every build, fetched page by page as the loop needs them;
// `break` cancels the rest.
const actorId = 'janedoe~my-actor';
for await (const build of client.iterateBuilds(actorId, {
  desc: true,
})) {
  if (!isTerminalStatus(build.status)) {
    console.log('still going:', build.id, build.status);
  }
}
