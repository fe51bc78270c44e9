// The HTTP API reference: the spec bundled by Redocly, given its code samples and an overview of
// each tag's operations, rendered by Redoc into one self-contained page that works offline.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { injectSamples, readSamples, sampleLanguages } from './samples.js';
import { asDocument, operationsOf, type OpenApiDocument } from '../lib/openapi.js';
import { bundleSpec, runRedocly, withTempDir } from '../lib/redocly.js';

/**
 * Redoc's options (the `openapi` section of a Redocly config). Redoc 3 shows only the samples
 * whose label is one of `codeSamples.languages`. It has no option to open a tag's operations or
 * the sidebar's tags on the landing view, nor to sort them: the spec's order holds (canonical
 * routes first) and the tag descriptions list the operations (see addOperationOverview).
 */
export const redocOptions = () => ({
  codeSamples: { languages: sampleLanguages() },
  jsonSamplesExpandLevel: 3,
  sortRequiredPropsFirst: true,
});

// Redoc's sidebar footer always shows an "API docs by" logo fetched from Redocly's CDN; offline
// that is a failed request and a console error. The page carries a local wordmark instead.
const wordmark = (text: string, width: number) =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="16" viewBox="0 0 ${String(width)} 16">` +
      `<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044D4">${text}</text></svg>`,
  ).toString('base64')}`;
const LOCAL_LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': wordmark('Redocly', 52),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': wordmark('R', 10),
};

/**
 * Appends to each tag's description the list of its operations, method, path and summary, so a
 * reader sees them on the landing view: Redoc 3 shows only method and path there, the summary
 * on hover.
 */
export function addOperationOverview(spec: OpenApiDocument): OpenApiDocument {
  for (const tag of spec.tags ?? []) {
    const lines = operationsOf(spec)
      .filter(({ operation }) => operation.tags?.includes(tag.name))
      .map(({ method, path: route, operation }) => {
        const note = operation.deprecated ? ' *(deprecated)*' : '';
        return `- **${method.toUpperCase()}** \`${route}\`: ${operation.summary ?? ''}${note}`;
      });
    if (lines.length > 0)
      tag.description = `${(tag.description ?? '').trimEnd()}\n\n${lines.join('\n')}\n`;
  }
  return spec;
}

/**
 * The spec as the reference shows it: spec/openapi.yaml bundled by Redocly (the `builds` API of
 * redocly.yaml) into one JSON document, with code samples and operation overviews.
 */
export async function referenceSpec(): Promise<OpenApiDocument> {
  const [spec, samples] = await Promise.all([bundleSpec('builds'), readSamples()]);
  return addOperationOverview(injectSamples(asDocument(spec), samples));
}

/** Writes the API reference page of `spec` to `output`; resolves to its size in bytes. */
export async function buildApiReference(output: string, spec: OpenApiDocument): Promise<number> {
  await withTempDir('apify-builds-docs-', async (dir) => {
    const specFile = path.join(dir, 'openapi.json');
    const configFile = path.join(dir, 'redocly.yaml'); // JSON is YAML
    await writeFile(specFile, JSON.stringify(spec));
    await writeFile(configFile, JSON.stringify({ openapi: redocOptions() }));
    await mkdir(path.dirname(output), { recursive: true });
    const result = await runRedocly([
      'build-docs',
      specFile,
      `--config=${configFile}`,
      '--inlineBundle',
      '--lint-config=error',
      '--title=apify-builds-client: HTTP API reference',
      '-o',
      output,
    ]);
    if (!result.ok) throw new Error(`redocly build-docs failed:\n${result.output}`);
  });
  let html = await readFile(output, 'utf8');
  for (const [remote, local] of Object.entries(LOCAL_LOGOS)) {
    if (!html.includes(remote))
      throw new Error(`the Redoc bundle no longer references ${remote}; revisit LOCAL_LOGOS`);
    html = html.replaceAll(remote, local);
  }
  // The site's icon; without one a browser asks for /favicon.ico, a 404 over HTTP.
  if (!html.includes('<head>')) throw new Error(`${output} has no <head> for the icon link`);
  html = html.replace(
    '<head>',
    '<head><link rel="icon" href="../favicon.svg" type="image/svg+xml">',
  );
  await writeFile(output, html);
  // Without --inlineBundle Redoc would be a <script src> on a CDN and the page blank offline.
  if (/<script[^>]+\bsrc=/i.test(html)) throw new Error(`${output} loads an external script`);
  return Buffer.byteLength(html);
}
