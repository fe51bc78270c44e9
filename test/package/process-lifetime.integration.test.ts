// A process that aborts a call during a long retry delay exits: the built package in a child.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.js';
import { runNode } from '../../scripts/lib/process.js';
import { ACTOR } from '../helpers/api.js';

describe('process lifetime', () => {
  const entry = pathToFileURL(path.join(root, 'dist', 'index.js')).href;

  // A 503 with Retry-After: 30, aborted during the wait: the process must exit soon after.
  const script = `
    import { createServer } from 'node:http';
    import { createBuildsClient } from ${JSON.stringify(entry)};
    const controller = new AbortController();
    const server = createServer((req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end('{"error":{"type":"busy","message":"later"}}');
      setTimeout(() => controller.abort(new Error('stopped by the caller')), 100);
    });
    server.listen(0, '127.0.0.1', async () => {
      const client = createBuildsClient({ baseUrl: 'http://127.0.0.1:' + server.address().port, token: 't', maxRetryDelayMs: 60000 });
      const outcome = await client.listBuilds('${ACTOR}', { signal: controller.signal }).then(() => 'resolved', (e) => 'rejected: ' + e.message);
      server.closeAllConnections();
      server.close(() => {
        // What still keeps the event loop alive once the server is gone (a leaked delay's timer).
        const alive = process.getActiveResourcesInfo().filter((r) => r === 'Timeout');
        console.log(JSON.stringify({ outcome, alive }));
      });
    });
  `;

  it('does not keep Node.js alive after an abort during a long retry delay', async () => {
    const result = await runNode(['--input-type=module', '-e', script]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      outcome: 'rejected: stopped by the caller',
      alive: [],
    });
  });
});
