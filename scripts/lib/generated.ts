// generated/schema.d.ts: the types openapi-typescript renders from the spec, formatted exactly as
// they are committed. Rendering happens in memory; only `npm run generate` writes the file.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';
import { outputPath, specPath } from './paths.js';

const BANNER = `/**
 * Generated from spec/openapi.yaml by openapi-typescript. Do not edit by hand:
 * change the spec and run \`npm run generate\` (\`npm run check\` fails while this file is stale).
 */

`;

/** The generated types for the current spec. */
export async function renderTypes(): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specPath), { silent: true });
  const options = (await prettier.resolveConfig(outputPath)) ?? {};
  return prettier.format(BANNER + astToString(ast), { ...options, filepath: outputPath });
}

/** The rendered types, or what went wrong rendering them. */
export function tryRenderTypes(): Promise<
  { ok: true; text: string } | { ok: false; error: string }
> {
  return renderTypes().then(
    (text) => ({ ok: true as const, text }),
    (error: unknown) => ({
      ok: false as const,
      error: error instanceof Error ? error.message : String(error),
    }),
  );
}

/** generated/schema.d.ts as it is on disk; empty when it is missing. */
export function readCommitted(): Promise<string> {
  return readFile(outputPath, 'utf8').catch(() => '');
}
