import { createBuildsClient } from 'apify-builds-client';

// The token is sent only in the Authorization header.
const client = createBuildsClient({ token: process.env.APIFY_TOKEN });

// One page, newest first: the unwrapped `data` object of the response.
const page = await client.listBuilds('janedoe~my-actor', { limit: 10, desc: true });
console.log(`${page.count} of ${page.total} builds`);
for (const build of page.items) console.log(build.id, build.status, build.startedAt);
