// The landing page of the docs site: site/index.html and site/style.css with the package version,
// the first code sample and the list of operations filled in. Plain HTML, no script.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMMANDS, commandHelp, mainHelp } from '../../src/cli/commands.js';
import { samplesDir } from './samples.js';
import { operationsOf, type OpenApiDocument } from '../lib/openapi.js';
import { root } from '../lib/paths.js';

const siteDir = path.join(root, 'site');
const FIRST_EXAMPLE = 'list-builds.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** Redoc's address of a tag or an operation: lower case, runs of other characters as `-`. */
export const redocSlug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** One table row per operation, in the spec's order, linked to its place in the API reference. */
function operationRows(spec: OpenApiDocument): string {
  return operationsOf(spec)
    .map(({ id, method, path: route, operation }) => {
      const tag = operation.tags?.[0];
      const href = `api/index.html#/${tag ? `${redocSlug(tag)}/` : ''}${redocSlug(id ?? '')}`;
      const deprecated = operation.deprecated ? '<span class="deprecated">deprecated</span>' : '';
      return [
        '            <tr>',
        `<td class="method">${method.toUpperCase()}</td>`,
        `<td><a href="${escapeHtml(href)}"><code>${escapeHtml(route)}</code></a></td>`,
        `<td>${escapeHtml(operation.summary ?? '')}${deprecated}</td>`,
        '</tr>',
      ].join('');
    })
    .join('\n');
}

/** Writes index.html, style.css and favicon.svg into `out`. */
export async function buildLanding(out: string, spec: OpenApiDocument): Promise<void> {
  const [template, example, pkg] = await Promise.all([
    readFile(path.join(siteDir, 'index.html'), 'utf8'),
    readFile(path.join(samplesDir, FIRST_EXAMPLE), 'utf8'),
    readFile(path.join(root, 'package.json'), 'utf8').then(
      (text) => JSON.parse(text) as { version: string },
    ),
  ]);
  const values: Record<string, string> = {
    version: escapeHtml(pkg.version),
    example: escapeHtml(example.trimEnd()),
    operations: operationRows(spec),
  };
  const html = template.replace(/\{\{(\w+)\}\}/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`site/index.html: unknown placeholder ${match}`);
    return value;
  });
  await mkdir(out, { recursive: true });
  await mkdir(path.join(out, 'cli'), { recursive: true });
  await Promise.all([
    writeFile(path.join(out, 'index.html'), html),
    writeFile(path.join(out, 'cli', 'index.html'), cliPage(pkg.version)),
    copyFile(path.join(siteDir, 'style.css'), path.join(out, 'style.css')),
    copyFile(path.join(siteDir, 'favicon.svg'), path.join(out, 'favicon.svg')),
  ]);
}

/**
 * The command line's page: the help that `apify-builds --help` and each `<command> --help`
 * print, taken from the same source (src/cli/commands.ts), so the two cannot drift apart.
 */
export function cliPage(version: string): string {
  const sections = COMMANDS.map(
    (command) =>
      `      <section id="${command.name}">\n        <h2><code>apify-builds ${command.name}</code></h2>\n        <pre><code>${escapeHtml(commandHelp(command).trimEnd())}</code></pre>\n      </section>`,
  );
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>apify-builds: the command line of apify-builds-client</title>
    <meta name="description" content="List, abort in bulk, wait for and summarise Apify Actor builds from a shell." />
    <link rel="icon" href="../favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="../style.css" />
  </head>
  <body>
    <header>
      <p class="package"><a href="../index.html">apify-builds-client</a> <span class="version">${escapeHtml(version)}</span></p>
      <h1>The <code>apify-builds</code> command line</h1>
      <p class="lead">
        Ships in the package as the <code>apify-builds</code> bin: <code>npx apify-builds --help</code>
        after installing it. The help of each command, exactly as it prints it:
      </p>
      <nav aria-label="Commands">${COMMANDS.map((c) => `<a href="#${c.name}"><code>${c.name}</code></a>`).join(' · ')}</nav>
    </header>
    <main>
      <section id="overview">
        <h2><code>apify-builds --help</code></h2>
        <pre><code>${escapeHtml(mainHelp().trimEnd())}</code></pre>
      </section>
${sections.join('\n')}
    </main>
    <footer>
      <p>MIT licensed. This site works offline: every page and asset is local.</p>
    </footer>
  </body>
</html>
`;
}
