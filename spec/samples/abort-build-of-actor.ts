import { createBuildsClient } from 'apify-builds-client';

// The token comes from APIFY_TOKEN.
const client = createBuildsClient();

// This route is deprecated, and so is the two-id form that
// calls it. The build id alone is enough:
// client.abortBuild('3KH8gEpp4d8uQSe8T') calls
// POST /v2/actor-builds/{buildId}/abort.
const build = await client.abortBuild(
  'janedoe~my-actor',
  '3KH8gEpp4d8uQSe8T',
);
console.log(build.id, build.status);
