import { ApifyApiError, createBuildsClient } from 'apify-builds-client';

const client = createBuildsClient({ token: process.env.APIFY_TOKEN });

try {
  // Resolves to the build: ABORTING, or unchanged when it had already finished.
  const build = await client.abortBuild('3KH8gEpp4d8uQSe8T');
  console.log(build.id, build.status);
} catch (error) {
  if (!(error instanceof ApifyApiError)) throw error;
  console.error(error.status, error.type, error.message); // e.g. 404 record-not-found
}
