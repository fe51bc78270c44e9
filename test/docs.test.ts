// The API reference (dist/docs/index.html) as a reader sees it: opened from file:// in headless
// Chromium with the network switched off. Builds the page first when it is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './build-once.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docsFile = path.join(root, 'dist', 'docs', 'index.html');
const docsUrl = pathToFileURL(docsFile).href;
// Schemes that never leave the machine: the page itself, inline images, Redoc's worker blobs.
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:']);

let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

const operation = (id: string) => page.locator(`[id="actor-builds/${id}"]`);
const parameter = (op: string, where: 'path' | 'query', name: string) =>
  page.locator(`[id="actor-builds/${op}/t=request&in=${where}&path=${name.toLowerCase()}"]`);

async function open(hash: string): Promise<void> {
  await page.goto(`${docsUrl}${hash}`, { waitUntil: 'load', timeout: 30_000 });
}

beforeAll(async () => {
  if (!existsSync(docsFile)) await runScript('docs');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
    timeout: 30_000,
  });
  context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('API reference page', () => {
  it('renders the list operation with its parameters', async () => {
    await open('#/actor-builds/actors_builds_get');
    const list = operation('actors_builds_get');
    await list.waitFor();
    const text = await list.innerText();
    expect(text).toContain('Get list of builds');
    expect(text).toContain('/v2/actors/{actorId}/builds');
    for (const [where, name] of [
      ['path', 'actorId'],
      ['query', 'offset'],
      ['query', 'limit'],
      ['query', 'desc'],
    ] as const) {
      const row = parameter('actors_builds_get', where, name);
      await row.waitFor();
      expect(await row.innerText()).toContain(name);
    }
    expect(await parameter('actors_builds_get', 'query', 'limit').innerText()).toMatch(
      /integer, \[ 1 \.\. 1000 \]/,
    );
    expect(await parameter('actors_builds_get', 'query', 'desc').innerText()).toContain('boolean');
    // Only the abort operation is deprecated.
    expect(await list.getByText('deprecated', { exact: true }).count()).toBe(0);
  }, 60_000);

  it('renders the abort operation, marked deprecated, with both path parameters', async () => {
    await open('#/actor-builds/actors_build_abort_post');
    const abort = operation('actors_build_abort_post');
    await abort.waitFor();
    const text = await abort.innerText();
    expect(text).toContain('Abort build');
    expect(text).toContain('/v2/actors/{actorId}/builds/{buildId}/abort');
    expect(text).toContain('POST /v2/actor-builds/{buildId}/abort');
    const badge = abort.locator('h2 [data-component-name="Tag/Tag"]');
    expect((await badge.innerText()).trim().toLowerCase()).toBe('deprecated');
    for (const name of ['actorId', 'buildId']) {
      const row = parameter('actors_build_abort_post', 'path', name);
      await row.waitFor();
      expect(await row.innerText()).toContain(name);
    }
  }, 60_000);

  it('lists both operations in the tag overview, the abort one with a Deprecated badge', async () => {
    await open('');
    await page.getByText('+ Show', { exact: true }).first().click();
    const overview = page.locator('[id="actor-builds"]');
    await overview.waitFor();
    const text = await overview.innerText();
    expect(text).toMatch(/GET\s*\/v2\/actors\/\{actorId\}\/builds/);
    expect(text).toMatch(
      /POST\s*\/v2\/actors\/\{actorId\}\/builds\/\{buildId\}\/abort\s*Deprecated/,
    );
    await page
      .getByRole('link', { name: /Abort build/ })
      .first()
      .click();
    await operation('actors_build_abort_post').waitFor();
    expect(page.url()).toBe(`${docsUrl}#/actor-builds/actors_build_abort_post`);
  }, 60_000);

  it('made no network request and logged no error', () => {
    expect(requests).toContain(docsUrl);
    const remote = requests.filter((url) => !LOCAL_SCHEMES.has(new URL(url).protocol));
    expect(remote).toEqual([]);
    expect(problems).toEqual([]);
  });
});
