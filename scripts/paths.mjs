// The project's places, computed once: every script and test imports them from here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (with a trailing separator). */
export const root = fileURLToPath(new URL('..', import.meta.url));
/** The hand-maintained OpenAPI document. */
export const specPath = path.join(root, 'spec', 'openapi.yaml');
/** Where openapi-typescript writes the types (also named by redocly.yaml's x-openapi-ts). */
export const outputPath = path.join(root, 'generated', 'schema.d.ts');
/** Build output of `npm run build`. */
export const distPath = path.join(root, 'dist');
/** Scratch space for derived files (bundles, stamps); never committed. */
export const cachePath = path.join(root, 'node_modules', '.cache', 'apify-builds-client');
