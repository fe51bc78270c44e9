// The benchmark's builds API, run in its own process so the client under test has a core to
// itself. The actor id picks the behaviour:
//   static     20,000 builds; every page body serialised once, so each contender costs the
//              server the same
//   slow-N     2,000 builds, each answer sent after N ms (pages serialised once)
//   gen-N      N builds made on the fly for each page (nothing cached: memory runs)
//   hang       never answers
//   busy       503 with Retry-After: 30
// GET /__count answers how many list requests arrived since the previous /__count.
// Prints `listening <port>` on stdout once it accepts connections.
import { createServer } from 'node:http';

const STATIC_TOTAL = 20_000;
const SLOW_TOTAL = 2_000;
const MAX_LIMIT = 1000;
const STATUSES = ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED-OUT'];
const ORIGINS = ['WEB', 'API', 'CLI', 'SCHEDULER'];

function buildAt(index) {
  const started = Date.UTC(2026, 0, 1) + index * 61_000;
  return {
    id: `b${index.toString(36).padStart(16, '0')}`,
    actId: 'janedoe~my-actor',
    status: STATUSES[index % STATUSES.length],
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(started + 45_000).toISOString(),
    usageTotalUsd: Math.round(index % 97) / 1000,
    meta: { origin: ORIGINS[index % ORIGINS.length], userAgent: 'ApifyClient/2.25.0 (linux)' },
  };
}

function pageBody(total, offset, limit, desc) {
  const count = Math.max(0, Math.min(limit, total - offset));
  const items = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const position = offset + i;
    items[i] = buildAt(desc ? total - 1 - position : position);
  }
  return JSON.stringify({ data: { total, offset, limit, desc, count, items } });
}

/** Page bodies by `offset:limit:desc`, each serialised once. */
function cachedPages(total) {
  const cache = new Map();
  return (offset, limit, desc) => {
    const key = `${offset}:${limit}:${desc}`;
    let body = cache.get(key);
    if (body === undefined) {
      body = Buffer.from(pageBody(total, offset, limit, desc));
      cache.set(key, body);
    }
    return body;
  };
}

const staticPages = cachedPages(STATIC_TOTAL);
const slowPages = cachedPages(SLOW_TOTAL);
// Serialise the static walk's pages before the first request.
for (let offset = 0; offset < STATIC_TOTAL; offset += MAX_LIMIT) {
  staticPages(offset, MAX_LIMIT, false);
}

let listRequests = 0;

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    ...headers,
  });
  res.end(body);
}

const server = createServer((req, res) => {
  req.resume();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/__count') {
    send(res, 200, Buffer.from(JSON.stringify({ count: listRequests })));
    listRequests = 0;
    return;
  }
  // apify-client asks for /v2/actors/…, an alias of /v2/acts/….
  const match = /^\/v2\/(?:acts|actors)\/([^/]+)\/builds$/.exec(url.pathname);
  if (req.method !== 'GET' || !match) {
    send(res, 404, Buffer.from('{"error":{"type":"page-not-found","message":"Not found"}}'));
    return;
  }
  listRequests += 1;
  const actor = decodeURIComponent(match[1]);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  // The API caps limit at 1000 and reads a missing limit as 1000.
  const limit = Math.min(
    Number(url.searchParams.get('limit') ?? MAX_LIMIT) || MAX_LIMIT,
    MAX_LIMIT,
  );
  const desc = ['true', '1'].includes(url.searchParams.get('desc') ?? '');

  if (actor === 'static') return send(res, 200, staticPages(offset, limit, desc));
  if (actor === 'hang') return undefined;
  if (actor === 'busy') {
    const body = '{"error":{"type":"rate-limit-exceeded","message":"Try again later"}}';
    return send(res, 503, Buffer.from(body), { 'retry-after': '30' });
  }
  const slow = /^slow-(\d+)$/.exec(actor);
  if (slow) {
    const body = slowPages(offset, limit, desc);
    setTimeout(() => send(res, 200, body), Number(slow[1]));
    return undefined;
  }
  const generated = /^gen-(\d+)$/.exec(actor);
  if (generated)
    return send(res, 200, Buffer.from(pageBody(Number(generated[1]), offset, limit, desc)));
  return send(
    res,
    404,
    Buffer.from('{"error":{"type":"record-not-found","message":"Actor was not found"}}'),
  );
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
