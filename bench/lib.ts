// Small pieces the benchmark sections share: the package under test, the server process,
// medians, formatting.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distPath } from '../scripts/lib/paths.js';
import { tsxImport } from '../scripts/lib/process.js';
import type * as Package from '../src/index.js';

export { root } from '../scripts/lib/paths.js';

export const TOKEN = 'apify_api_benchmarkTokenNotReal0000';

/** One row of the results table. */
export interface Row {
  measure: string;
  result: string;
  ratio: string;
  goal: string;
  met: boolean;
}

/** The built package (dist/index.js, as users get it), typed by its sources. */
export const { createBuildsClient } = (await import(
  pathToFileURL(path.join(distPath, 'index.js')).href
)) as typeof Package;

/** `node` arguments that run a TypeScript file of bench/. */
export const benchArgs = (file: string, args: string[] = []) => [
  '--import',
  tsxImport,
  fileURLToPath(new URL(file, import.meta.url)),
  ...args,
];

/** Starts bench/server.ts in its own process; resolves to its base URL and a stop function. */
export function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, benchArgs('server.ts'), {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`bench server exited with ${String(code)}`));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening (\d+)/.exec(out);
      if (!match) return;
      child.stdout.removeAllListeners('data');
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${match[1] ?? ''}`,
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
export async function requestCount(base: string): Promise<number> {
  const res = await fetch(`${base}/__count`);
  return ((await res.json()) as { count: number }).count;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const at = (i: number) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/** Spins the CPU for `ms` milliseconds, as a consumer doing synchronous work would. */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

export const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const ratio = (value: number) => `${value.toFixed(2)}x`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
