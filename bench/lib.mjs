// Small pieces the benchmark sections share: the server process, medians, formatting.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const TOKEN = 'apify_api_benchmarkTokenNotReal0000';
export { root } from '../scripts/paths.mjs';

/** Starts bench/server.mjs in its own process; resolves to its base URL and a stop function. */
export function startServer() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('server.mjs', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening (\d+)/.exec(out);
      if (!match) return;
      child.stdout.removeAllListeners('data');
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${match[1]}`,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** How many list requests the server received since the previous call. */
export async function requestCount(base) {
  const res = await fetch(`${base}/__count`);
  return (await res.json()).count;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Spins the CPU for `ms` milliseconds, as a consumer doing synchronous work would. */
export function busyWait(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const ratio = (value) => `${value.toFixed(2)}x`;
export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
