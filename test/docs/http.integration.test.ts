// Slow: builds the docs site into a temporary folder (a child process), serves it over loopback
// HTTP (127.0.0.1, a random port) and opens its pages in headless Chromium. Any console error or
// warning, page error, failed request, HTTP error status or request that leaves the server fails.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../helpers/find-chrome.js';
import { runScript } from '../../scripts/lib/process.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

let site: string;
let server: http.Server | undefined;
let base: string;
let browser: Browser | undefined;
const served: string[] = [];

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'docs-http-'));
  // Its own copy of the site: dist/docs may be rebuilt by another test meanwhile.
  const built = await runScript('docs', ['--out', path.join(site, 'docs')]);
  if (!built.ok) throw new Error(`building the site failed:\n${built.output}`);
  const docs = path.join(site, 'docs');
  server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(
      docs,
      path.normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname),
    );
    served.push(pathname);
    if (!file.startsWith(docs)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChrome();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (site) await rm(site, { recursive: true, force: true });
});

/** Opens `pathname`, waits until the network is idle, and returns every problem seen. */
async function visit(pathname: string, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
  const context = await browser!.newContext();
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(`${base}/`) || /^(data|blob):/.test(target)) return route.continue();
    problems.push(`request that leaves the server: ${target}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  try {
    await page.goto(`${base}${pathname}`, { waitUntil: 'networkidle' });
    await ready(page);
    await page.waitForLoadState('networkidle');
  } finally {
    await context.close();
  }
  return problems;
}

describe('the docs site over HTTP', () => {
  it.each([
    ['/index.html', 'h1'],
    ['/api/index.html', '[data-section-id]'],
    ['/client/index.html', '.col-content'],
    ['/client/interfaces/BuildsClient.html', '.col-content'],
    ['/client/classes/ApifyApiError.html', '.col-content'],
  ])(
    '%s loads without a console error or a failed request',
    async (pathname, selector) => {
      const problems = await visit(pathname, (page) => page.locator(selector).first().waitFor());
      expect(problems).toEqual([]);
    },
    60_000,
  );

  it('gives every page an icon that is served', async () => {
    for (const [pathname, icon] of [
      ['/index.html', '/favicon.svg'],
      ['/api/index.html', '/favicon.svg'],
      ['/client/index.html', '/client/assets/favicon.svg'],
    ] as const) {
      served.length = 0;
      const problems = await visit(pathname, async () => {});
      expect(problems).toEqual([]);
      const html = await (await fetch(`${base}${pathname}`)).text();
      const href = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
      expect(new URL(href!, `${base}${pathname}`).pathname, pathname).toBe(icon);
      expect((await fetch(`${base}${icon}`)).status).toBe(200);
      expect(served).not.toContain('/favicon.ico');
    }
  }, 60_000);

  it('shows the named types in the client reference signatures', async () => {
    const html = await (await fetch(`${base}/client/interfaces/BuildsClient.html`)).text();
    const text = html
      .replace(/<[^>]+>/g, '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
    for (const type of [
      'Promise<Build>',
      'Promise<BuildsPage>',
      'AsyncIterableIterator<BuildShort>',
    ])
      expect(text).toContain(type);
    expect(text).not.toContain('actorDefinition?');
  });

  it('fails on a missing file, so the checks above can fail', async () => {
    const problems = await visit('/index.html', (page) =>
      page.evaluate(() => fetch('/no-such-file.css')),
    );
    expect(problems.some((p) => /404.*\/no-such-file\.css/.test(p))).toBe(true);
  }, 60_000);
});
