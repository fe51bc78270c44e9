import { createBuildsClient, isTerminalStatus } from 'apify-builds-client';

const client = createBuildsClient({ token: process.env.APIFY_TOKEN });

// Every build, fetched page by page as the loop needs them; `break` cancels the rest.
for await (const build of client.iterateBuilds('janedoe~my-actor', { desc: true })) {
  if (!isTerminalStatus(build.status)) console.log('still going:', build.id, build.status);
}
