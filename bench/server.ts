// The benchmark's builds API: the project's fake API (fake-api/) in its own process, so the
// client under test has a core to itself, with a benchmark-only fast path for list requests.
// The Actor id picks the behaviour:
//   static     20,000 builds; every page body serialised once, so each contender costs the
//              server the same
//   slow-N     2,000 builds, each answer sent after N ms (pages serialised once)
//   gen-N      N builds made on the fly for each page (nothing cached: memory runs)
//   hang       never answers
//   busy       503 with Retry-After: 30
// Any other Actor is the fake's own (404 for an unknown one). GET /__count answers how many list
// requests arrived since the previous /__count. Prints `listening <port>` once it accepts
// connections.
import { MAX_LIMIT, shortBuildAt, startFakeApi } from '../fake-api/server.js';
import { fastPath, type PageQuery } from './fast-path.js';

const STATIC_TOTAL = 20_000;
const SLOW_TOTAL = 2_000;

function pageBody(total: number, offset: number, limit: number, desc: boolean): Buffer {
  const count = Math.max(0, Math.min(limit, total - offset));
  const items: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    const position = offset + i;
    items.push(shortBuildAt(desc ? total - 1 - position : position, 'janedoe~my-actor', 'bench'));
  }
  return Buffer.from(JSON.stringify({ data: { total, offset, limit, desc, count, items } }));
}

/** Page bodies by `offset:limit:desc`, each serialised once. */
function cachedPages(total: number) {
  const cache = new Map<string, Buffer>();
  return ({ offset, limit, desc }: PageQuery) => {
    const key = `${offset}:${limit}:${desc}`;
    let body = cache.get(key);
    if (body === undefined) {
      body = pageBody(total, offset, limit, desc);
      cache.set(key, body);
    }
    return body;
  };
}

const staticPages = cachedPages(STATIC_TOTAL);
const slowPages = cachedPages(SLOW_TOTAL);
// Serialise the static walk's pages before the first request.
for (let offset = 0; offset < STATIC_TOTAL; offset += MAX_LIMIT) {
  staticPages({ offset, limit: MAX_LIMIT, desc: false });
}

let listRequests = 0;
const BUSY = Buffer.from(
  JSON.stringify({ error: { type: 'rate-limit-exceeded', message: 'Try again later' } }),
);

const fast = fastPath((actor, page) => {
  listRequests += 1;
  if (actor === 'static') return { body: staticPages(page) };
  if (actor === 'hang') return 'hang';
  if (actor === 'busy') return { status: 503, body: BUSY, headers: { 'retry-after': '30' } };
  const slow = /^slow-(\d+)$/.exec(actor);
  if (slow) return { body: slowPages(page), delayMs: Number(slow[1]) };
  const generated = /^gen-(\d+)$/.exec(actor);
  if (generated)
    return { body: pageBody(Number(generated[1]), page.offset, page.limit, page.desc) };
  // Not one of the benchmark's Actors: the fake answers.
  return undefined;
});

const server = await startFakeApi({ buildCount: 25 });
server.override((req, res, count) => {
  if (req.url !== '/__count') return fast(req, res, count);
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ count: listRequests }));
  listRequests = 0;
  return undefined;
});
console.log(`listening ${server.port}`);
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
