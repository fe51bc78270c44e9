// `npm run size`: the browser bundle a user's bundler makes of this package (openapi-fetch
// included): esbuild, minified, ESM, browser, ES2022, gzip level 9 — the figure bench/bundle.mjs
// reports. Exits 1 above the budget in package.json (`sizeBudget.browserBundleGzipBytes`);
// `npm run check` runs the same check. `--budget <bytes>` overrides the budget, `--markdown`
// prints a table (CI appends it to the job summary).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root } from './paths.mjs';

/** Minified and gzipped sizes in bytes of the browser bundle of `contents` (an ES module). */
export async function gzippedBundle(contents, loader = 'js') {
  const result = await build({
    stdin: { contents, resolveDir: root, loader },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * The package's bundle, from src/, so the check needs no build: the same minified size as from
 * dist/ (which tsc compiles to ES2022 too), and a gzip figure within a few bytes of it (esbuild
 * orders some output differently).
 */
export const packageBundle = (entry = './src/index.ts') =>
  gzippedBundle(`export * from '${entry}';`, entry.endsWith('.ts') ? 'ts' : 'js');

/** The budget in bytes, from package.json. */
export async function readBudget() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const budget = pkg.sizeBudget?.browserBundleGzipBytes;
  if (!Number.isInteger(budget) || budget <= 0)
    throw new Error('package.json needs sizeBudget.browserBundleGzipBytes, a positive integer');
  return budget;
}

const bytes = (n) => `${n.toLocaleString('en-US')} B`;

/** Measures and compares: `{ ok, gzip, raw, budget, line }`. */
export async function checkSize(budget) {
  const [size, limit] = await Promise.all([packageBundle(), budget ?? readBudget()]);
  const ok = size.gzip <= limit;
  const line =
    `browser bundle (minified + gzip, openapi-fetch included): ${bytes(size.gzip)} ` +
    `(${bytes(size.raw)} minified), budget ${bytes(limit)}` +
    (ok
      ? ''
      : ` — ${bytes(size.gzip - limit)} over; shrink it or raise the budget in package.json`);
  return { ok, ...size, budget: limit, line };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { budget: { type: 'string' }, markdown: { type: 'boolean' } },
  });
  try {
    const result = await checkSize(values.budget === undefined ? undefined : Number(values.budget));
    if (values.markdown)
      console.log(
        [
          '| measure | gzip | minified | budget | |',
          '| --- | --- | --- | --- | --- |',
          `| browser bundle (openapi-fetch included) | ${bytes(result.gzip)} | ${bytes(result.raw)} | ${bytes(result.budget)} | ${result.ok ? 'within budget' : 'OVER BUDGET'} |`,
        ].join('\n'),
      );
    else console.log(`size: ${result.line}`);
    process.exitCode = result.ok ? 0 : 1;
  } catch (error) {
    console.error(`size: ${error.message}`);
    process.exitCode = 2;
  }
}
