// `npm run mock` in its own process: what it says when its port is taken.
import { afterEach, describe, expect, it } from 'vitest';
import { runScript } from '../scripts/lib/process.js';
import { startMockServer, type MockServer } from '../fake-api/server.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<MockServer> {
  server = await startMockServer();
  return server;
}

describe('npm run mock', () => {
  it('says in one line that the port is busy, without a stack', async () => {
    const s = await start();
    const { code, stdout, stderr } = await runScript('mock', [], {
      env: { ...process.env, PORT: String(s.port) },
    });
    expect(code, `${stdout}${stderr}`).toBe(1);
    expect(stderr.trim()).toBe(
      `mock: port ${s.port} on 127.0.0.1 is already in use (is another fake API running?); pick another with PORT=…`,
    );
    expect(stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
  });
});
