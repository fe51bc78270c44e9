// The project's places, computed once: every script and test imports them from here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (with a trailing separator). */
export const root = fileURLToPath(new URL('../..', import.meta.url));
/** The hand-maintained OpenAPI document. */
export const specPath = path.join(root, 'spec', 'openapi.yaml');
/** Where openapi-typescript writes the types (also named by redocly.yaml's x-openapi-ts). */
export const outputPath = path.join(root, 'generated', 'schema.d.ts');
/** Build output of `npm run build`. */
export const distPath = path.join(root, 'dist');
/**
 * The one directory for derived files (tsc and ESLint state, the docs stamp, example bundles);
 * never committed. A copy of the project (tests) sets BUILDS_CACHE_DIR to keep its own.
 */
export const cacheDir =
  process.env.BUILDS_CACHE_DIR ?? path.join(root, 'node_modules', '.cache', 'apify-builds-client');
