import {
  ApifyApiError,
  createBuildsClient,
} from 'apify-builds-client';

// The token comes from APIFY_TOKEN.
const client = createBuildsClient();

const aborting = client.abortBuild('3KH8gEpp4d8uQSe8T');
try {
  // The build: ABORTING, or unchanged if it had finished.
  const build = await aborting;
  console.log(build.id, build.status);
} catch (error) {
  if (!(error instanceof ApifyApiError)) throw error;
  // e.g. 404 record-not-found
  console.error(error.status, error.type, error.message);
}
