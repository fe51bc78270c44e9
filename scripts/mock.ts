// `npm run mock [-- --token <token>]`: the fake API alone on PORT (default 4010), for your own
// code to talk to. Builds move on with every request and every 2 s, a new one starts every 20 s,
// and one starts 2 s after the last running one was aborted, so there is always one to abort.
// With --token it takes only that token (a 401 otherwise), else any token or none.
import { parseArgs } from 'node:util';
import { PortInUseError, startFakeApi } from '../fake-api/server.js';

const USAGE = 'usage: npm run mock [-- --token <token>]';

function usage(problem: string): never {
  console.error(`mock: ${problem}\n${USAGE}`);
  process.exit(2);
}

let token: string | undefined;
try {
  ({
    values: { token },
  } = parseArgs({ options: { token: { type: 'string' } }, strict: true }));
} catch (error) {
  usage((error as Error).message);
}
// What a Bearer header can carry as one token: printable, no blanks.
if (token !== undefined && !/^[\x21-\x7e]+$/.test(token))
  usage('--token must be a non-empty token of printable characters without blanks');

// An empty PORT is no PORT, not port 0.
const port = Number(process.env.PORT || 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mock: PORT must be an integer 0..65535, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}
const server = await startFakeApi({
  port,
  buildCount: 2500,
  ...(token === undefined ? {} : { token }),
  tickMs: 2000,
  startEveryMs: 20_000,
  refillMs: 2000,
  log: (line) => {
    console.log(line);
  },
}).catch((error: unknown) => {
  if (!(error instanceof PortInUseError)) throw error;
  console.error(`mock: ${error.message}`);
  process.exit(1);
});
const actor = server.actor.name;
// The token itself is not printed: whoever chose it knows it, and logs keep what is printed.
console.log(
  `Fake Apify builds API on ${server.url} (${
    token === undefined ? 'any Bearer token or none' : 'only the token given to --token'
  }; Ctrl+C to stop)`,
);
console.log('Point a client at it: createBuildsClient() reads both variables');
console.log(`  export APIFY_API_BASE_URL=${server.url}`);
console.log(
  token === undefined
    ? '  export APIFY_TOKEN=<any token>   # or none: this fake takes any'
    : '  export APIFY_TOKEN=<the token given to --token>',
);
console.log(`Its Actor is ${actor}:`);
console.log(`  GET  ${server.url}/v2/actors/${actor}/builds?offset=0&limit=10&desc=true`);
const running = server.builds().find((b) => b.status === 'RUNNING');
if (running) console.log(`  POST ${server.url}/v2/actor-builds/${running.id}/abort`);
console.log(
  '  (the Actor route POST /v2/actors/{actorId}/builds/{buildId}/abort and the legacy /v2/acts/ routes answer too)',
);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
