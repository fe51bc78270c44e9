import { createBuildsClient } from 'apify-builds-client';

// The token comes from APIFY_TOKEN and is sent only in the
// Authorization header. APIFY_API_BASE_URL, when set, names
// another server, e.g. the fake API of `npm run mock`.
const client = createBuildsClient();

// One page, newest first: the unwrapped `data` object.
const actorId = 'janedoe~my-actor';
const page = await client.listBuilds(actorId, {
  limit: 10,
  desc: true,
});
console.log(`${page.count} of ${page.total} builds`);
for (const build of page.items) {
  console.log(build.id, build.status, build.startedAt);
}
