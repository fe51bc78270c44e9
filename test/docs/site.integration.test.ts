// The docs site (dist/docs/) as a reader sees it: built once by `npm run docs`, opened from
// file:// in headless Chromium, offline, with every request that would leave the machine blocked
// and recorded. The operations it must show come from spec/openapi.yaml itself.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root, specPath } from '../../scripts/lib/paths.js';
import { runScript } from '../../scripts/lib/process.js';
import { COMMANDS, commandHelp, mainHelp } from '../../src/cli/commands.js';
import { launchChrome } from '../helpers/find-chrome.js';

// Built into a temporary folder: the test writes nothing into the repository.
const site = await mkdtemp(path.join(tmpdir(), 'apify-builds-site-'));
const url = (file: string) => pathToFileURL(path.join(site, file)).href;
// Schemes that never leave the machine: the pages themselves, inline images, Redoc's worker blobs.
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:']);

interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string;
  deprecated: boolean;
  tag: string;
}

interface SpecDocument {
  tags: { name: string }[];
  paths: Record<
    string,
    Record<string, { operationId: string; summary: string; deprecated?: boolean; tags: string[] }>
  >;
}

const spec = parse(readFileSync(specPath, 'utf8')) as SpecDocument;
const operations: Operation[] = Object.entries(spec.paths).flatMap(([route, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({
      id: op.operationId,
      method: method.toUpperCase(),
      path: route,
      summary: op.summary,
      deprecated: op.deprecated === true,
      tag: op.tags[0] ?? '',
    })),
);
const canonical = operations.filter((op) => !op.path.startsWith('/v2/acts/'));
const listOperation = canonical.find((op) => op.method === 'GET');
const abortOperation = canonical.find((op) => op.path.startsWith('/v2/actor-builds/'));
const actorAbortOperation = canonical.find((op) => op.method === 'POST' && op !== abortOperation);
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9_]+/g, '-');
const anchor = (op: Operation) => `${slug(op.tag)}/${op.id.toLowerCase()}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const blocked: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  // Always a fresh build: a site left over from an older checkout would prove nothing.
  const built = await runScript('docs', ['--out', site]);
  if (!built.ok) throw new Error(`npm run docs failed:\n${built.output}`);
  browser = await launchChrome();
  context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (LOCAL_SCHEMES.has(new URL(target).protocol)) return route.continue();
    blocked.push(target);
    return route.abort();
  });
  page = await context.newPage();
  page.setDefaultTimeout(120_000);
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()} on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
});

afterAll(async () => {
  await browser.close();
  await rm(site, { recursive: true, force: true });
});

/** The request samples panel of an operation, switched to the sample labelled `label`. */
async function sample(operation: Locator, label: string): Promise<string> {
  const panel = operation.locator('.panel-request-samples');
  await panel.waitFor();
  const current = panel.getByRole('button', { name: /^(TypeScript|curl)/ });
  if ((await current.innerText()).trim() !== label) {
    await current.click();
    await page.getByRole('menuitem', { name: label, exact: true }).click();
  }
  await expect.poll(async () => (await current.innerText()).trim()).toBe(label);
  return panel.innerText();
}

/** The shown sample of `operation` fits its panel: no line runs past its right edge. */
async function expectNotCutOff(operation: Locator, label: string): Promise<void> {
  const code = operation.locator('.panel-request-samples pre').first();
  const { scrollWidth, clientWidth } = await code.evaluate((pre) => {
    const { scrollWidth, clientWidth } = pre as unknown as Record<string, number>;
    return { scrollWidth: scrollWidth!, clientWidth: clientWidth! };
  });
  expect(clientWidth, label).toBeGreaterThan(0);
  expect(
    scrollWidth,
    `${label}: ${scrollWidth} px of code in ${clientWidth} px`,
  ).toBeLessThanOrEqual(clientWidth);
}

describe('the spec the site is checked against', () => {
  it('has a canonical list operation and two abort operations, the live one first', () => {
    expect(canonical.map((op) => `${op.method} ${op.path}`)).toEqual([
      'GET /v2/actors/{actorId}/builds',
      'POST /v2/actor-builds/{buildId}/abort',
      'POST /v2/actors/{actorId}/builds/{buildId}/abort',
    ]);
    expect(actorAbortOperation?.deprecated).toBe(true);
  });
});

describe('landing page', () => {
  it('says what the package is, how to install it, and shows a first example', async () => {
    await page.goto(url('index.html'));
    expect(await page.locator('h1').innerText()).toContain('Apify Actor');
    const text = await page.locator('body').innerText();
    expect(text).toContain('apify-builds-client');
    // Until the package is published: a tarball packed from a clone; then the registry name.
    expect(text).toContain('npm install ../apify-builds-client/apify-builds-client-0.1.0.tgz');
    expect(text).toContain('npm install apify-builds-client');
    // The quickest look, and the fake API with the two variables the client reads.
    expect(text).toContain('npm ci && npm run demo');
    expect(text).toContain('npm run mock -- --token my-test-token');
    expect(text).toContain(
      'APIFY_API_BASE_URL=http://127.0.0.1:4010 APIFY_TOKEN=my-test-token node index.js',
    );
    const example = await page.locator('pre code').nth(1).innerText();
    expect(example).toBe(
      readFileSync(path.join(root, 'spec', 'samples', 'list-builds.ts'), 'utf8').trimEnd(),
    );
    // The stylesheet is local and applied: the cards (two references, the command line) are laid
    // out side by side.
    const cards = page.locator('a.card');
    expect(await cards.count()).toBe(3);
    const boxes = await Promise.all([0, 1, 2].map((i) => cards.nth(i).boundingBox()));
    expect(boxes[1]?.y).toBe(boxes[0]?.y);
    expect(boxes[2]?.y).toBe(boxes[0]?.y);
  });

  it('links only to files of the site that exist', async () => {
    await page.goto(url('index.html'));
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((links) => links.map((link) => (link as unknown as { href: string }).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(2 + operations.length);
    for (const href of hrefs) {
      expect(href.startsWith('file://'), href).toBe(true);
      expect(existsSync(fileURLToPath(href.split('#')[0] ?? href)), href).toBe(true);
    }
  });

  it('leads to the HTTP API reference and the client reference', async () => {
    await page.goto(url('index.html'));
    await page.getByRole('link', { name: /HTTP API reference/ }).click();
    await page.locator('h1').filter({ hasText: 'Apify Actor builds API' }).waitFor();
    expect(page.url()).toBe(url('api/index.html'));
    await page.goto(url('index.html'));
    await page.getByRole('link', { name: /Client reference/ }).click();
    await page.locator('h1').filter({ hasText: 'apify-builds-client' }).waitFor();
    expect(page.url()).toBe(url('client/index.html'));
  });

  it('lists every operation, each linked to its place in the API reference', async () => {
    await page.goto(url('index.html'));
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(operations.length);
    for (const [i, op] of operations.entries()) {
      const row = rows.nth(i);
      const text = await row.innerText();
      expect(text).toContain(op.method);
      expect(text).toContain(op.path);
      expect(text).toContain(op.summary);
      expect(text.includes('deprecated')).toBe(op.deprecated);
      expect(await row.locator('a').getAttribute('href')).toBe(`api/index.html#/${anchor(op)}`);
    }
    await rows.nth(0).locator('a').click();
    await page.locator(`[id="${anchor(operations[0]!)}"]`).waitFor();
  });
});

describe('HTTP API reference', () => {
  it('shows the canonical operations first, with method and summary, without a click', async () => {
    await page.goto(url('api/index.html'));
    const tags = page.locator('[data-section-id]');
    await tags.first().waitFor();
    const canonicalTag = page.locator(`[id="${slug(listOperation!.tag)}"]`);
    await canonicalTag.waitFor();
    const text = await canonicalTag.innerText();
    for (const op of canonical) {
      expect(text).toContain(`${op.method} ${op.path}: ${op.summary}`);
    }
    // The canonical tag comes before the legacy one on the page and in the sidebar.
    const order = spec.tags.map((tag) => tag.name);
    expect(order[0]).toBe(listOperation!.tag);
    const sidebar = await page.locator('[data-component-name="Menu/Menu"]').first().innerText();
    const positions = order.map((name) => sidebar.indexOf(name));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it.each(operations.map((op) => [op.id, op]))(
    'renders %s with its curl and TypeScript samples',
    async (_, op) => {
      await page.goto(`${url('api/index.html')}#/${anchor(op)}`);
      const section = page.locator(`[id="${anchor(op)}"]`);
      await section.waitFor();
      const text = await section.innerText();
      expect(text).toContain(op.summary);
      expect(text).toContain(op.path);

      const typescript = await sample(section, 'TypeScript');
      expect(typescript).toContain("from 'apify-builds-client'");
      expect(typescript).toContain('createBuildsClient(');
      expect(typescript).toContain(op.method === 'GET' ? '.listBuilds(' : '.abortBuild(');
      // The page is 1400 px wide: the TypeScript samples are not cut off sideways.
      await expectNotCutOff(section, `${op.id}: TypeScript`);
      if (op.method === 'GET') {
        expect(await sample(section, 'TypeScript: iterateBuilds')).toContain('.iterateBuilds(');
        await expectNotCutOff(section, `${op.id}: TypeScript: iterateBuilds`);
      }

      const curl = await sample(section, 'curl');
      const example = op.path
        .replace('{actorId}', 'janedoe~my-actor')
        .replace('{buildId}', '3KH8gEpp4d8uQSe8T');
      expect(curl).toContain(
        op.method === 'GET'
          ? `curl "https://api.apify.com${example}?limit=10&desc=true"`
          : `curl -X POST "https://api.apify.com${example}"`,
      );
      expect(curl).toContain('-H "Authorization: Bearer $APIFY_TOKEN"');
    },
  );

  it('marks the abort of the Actor route deprecated, the live abort and the list not', async () => {
    for (const op of [listOperation!, abortOperation!, actorAbortOperation!]) {
      await page.goto(`${url('api/index.html')}#/${anchor(op)}`);
      const section = page.locator(`[id="${anchor(op)}"]`);
      await section.waitFor();
      const badges = section.locator('h2 [data-component-name="Tag/Tag"]');
      const labels = (await badges.allInnerTexts()).map((t) => t.trim().toLowerCase());
      expect(labels.includes('deprecated')).toBe(op === actorAbortOperation);
      if (op === actorAbortOperation)
        expect(await section.innerText()).toContain('POST /v2/actor-builds/{buildId}/abort');
    }
  });

  it('shows the live abort operation before the deprecated one', async () => {
    await page.goto(url('api/index.html'));
    const canonicalTag = page.locator(`[id="${slug(listOperation!.tag)}"]`);
    await canonicalTag.waitFor();
    const text = await canonicalTag.innerText();
    const line = (op: Operation) => text.indexOf(`${op.method} ${op.path}: ${op.summary}`);
    expect(line(abortOperation!)).toBeGreaterThanOrEqual(0);
    expect(line(abortOperation!)).toBeLessThan(line(actorAbortOperation!));
  });
});

describe('client reference', () => {
  it('lists the public exports and leads to each one', async () => {
    await page.goto(url('client/index.html'));
    const index = await page.locator('.col-content').innerText();
    // An introduction leads into the list of exports.
    expect(index).toMatch(
      /A typed client for the Apify Actor builds API[\s\S]*Start with createBuildsClient/,
    );
    expect(index.indexOf('Start with createBuildsClient')).toBeLessThan(index.indexOf('Classes'));
    for (const name of ['createBuildsClient', 'ApifyApiError', 'BuildsClient', 'isTerminalStatus'])
      expect(index).toContain(name);
    await page
      .locator('.col-content')
      .getByRole('link', { name: 'ApifyApiError', exact: true })
      // The introduction links to it too, before the list of exports.
      .first()
      .click();
    await page.locator('h1').filter({ hasText: 'ApifyApiError' }).waitFor();
    expect(page.url()).toBe(url('client/classes/ApifyApiError.html'));
  });

  it('documents iterateBuilds with its example', async () => {
    await page.goto(url('client/index.html'));
    await page
      .locator('.col-content')
      .getByRole('link', { name: 'BuildsClient', exact: true })
      // The introduction links to it too, before the list of exports.
      .first()
      .click();
    await page.locator('h1').filter({ hasText: 'BuildsClient' }).waitFor();
    const method = page
      .locator('section.tsd-member')
      .filter({ has: page.locator('h3', { hasText: /^iterateBuilds$/ }) });
    const text = await method.innerText();
    expect(text).toContain('Example');
    expect(text).toContain('for await');
  });

  it('links back to the landing page and the HTTP API reference', async () => {
    await page.goto(url('client/index.html'));
    await page.getByRole('link', { name: 'HTTP API reference', exact: true }).first().click();
    await page.locator('h1').filter({ hasText: 'Apify Actor builds API' }).waitFor();
    expect(page.url()).toBe(url('api/index.html'));
  });
});

describe('the command-line page', () => {
  it('is linked from the landing page and shows the help each command prints', async () => {
    await page.goto(url('index.html'));
    await page.getByRole('link', { name: /Command line/ }).click();
    expect(page.url()).toBe(url('cli/index.html'));
    await page.locator('h1').filter({ hasText: 'apify-builds' }).waitFor();
    expect((await page.locator('#overview pre').innerText()).trim()).toBe(mainHelp().trim());
    for (const command of COMMANDS) {
      const shown = await page.locator(`#${command.name} pre`).innerText();
      expect(shown.trim(), command.name).toBe(commandHelp(command).trim());
    }
    await page.getByRole('link', { name: 'apify-builds-client' }).click();
    expect(page.url()).toBe(url('index.html'));
  });
});

describe('the whole visit', () => {
  it('made no request that would leave the machine and logged no error or warning', () => {
    expect(requests).toContain(url('index.html'));
    expect(requests).toContain(url('client/index.html'));
    expect(requests).toContain(url('cli/index.html'));
    expect(requests.filter((r) => !LOCAL_SCHEMES.has(new URL(r).protocol))).toEqual([]);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });
});
