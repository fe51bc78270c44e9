// One page with the token given, or (none given) taken from the environment: what Deno's
// permissions allow. Prints `{ count }` or the error's name and message as JSON.
import { createBuildsClient } from 'apify-builds-client';
import { ACTORS, type ScenarioConfig } from './scenario.js';

const { baseUrl, token } = JSON.parse(process.argv[2] ?? '{}') as Partial<ScenarioConfig>;
try {
  const client = createBuildsClient(token ? { baseUrl, token } : { baseUrl });
  const page = await client.listBuilds(ACTORS.main, { limit: 1 });
  console.log(JSON.stringify({ count: page.count }));
} catch (error) {
  const { name, message } = error as Error;
  console.log(JSON.stringify({ name, message }));
}
