// `npm run mock`: the fake API alone on PORT (default 4010), for your own code to talk to.
// Builds move on with every request and every 2 s, and a new one starts every 20 s, so there is
// always one to abort.
import { PortInUseError, startMockServer } from '../fake-api/server.js';

// An empty PORT is no PORT, not port 0.
const port = Number(process.env.PORT || 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mock: PORT must be an integer 0..65535, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}
const server = await startMockServer({
  port,
  buildCount: 2500,
  tickMs: 2000,
  startEveryMs: 20_000,
  log: (line) => {
    console.log(line);
  },
}).catch((error: unknown) => {
  if (!(error instanceof PortInUseError)) throw error;
  console.error(`mock: ${error.message}`);
  process.exit(1);
});
const actor = server.actor.name;
console.log(`Fake Apify builds API on ${server.url} (any Bearer token or none; Ctrl+C to stop)`);
console.log(`  GET  ${server.url}/v2/actors/${actor}/builds?offset=0&limit=10&desc=true`);
const running = server.builds().find((b) => b.status === 'RUNNING');
if (running) console.log(`  POST ${server.url}/v2/actor-builds/${running.id}/abort`);
console.log(
  '  (the Actor route POST /v2/actors/{actorId}/builds/{buildId}/abort and the legacy /v2/acts/ routes answer too)',
);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
