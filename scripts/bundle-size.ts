// `npm run size`: the browser bundle a user's bundler makes of this package (openapi-fetch
// included): esbuild, minified, ESM, browser, ES2022, gzip level 9 — the figure bench/bundle.ts
// reports. Exits 1 above the budget in package.json (`sizeBudget.browserBundleGzipBytes`);
// `npm run check` runs the same check. `--budget <bytes>` overrides the budget, `--markdown`
// prints a table (CI appends it to the job summary).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Loader } from 'esbuild';
import { root } from './lib/paths.js';
import { isMain } from './lib/process.js';

/** Sizes in bytes of a bundle: minified, and minified then gzipped. */
export interface BundleSize {
  raw: number;
  gzip: number;
}

/** The outcome of checkSize(): the sizes, the budget and a line that says both. */
export interface SizeCheck extends BundleSize {
  ok: boolean;
  budget: number;
  line: string;
}

/** Minified and gzipped sizes in bytes of the browser bundle of `contents` (an ES module). */
export async function gzippedBundle(contents: string, loader: Loader = 'js'): Promise<BundleSize> {
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
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * The package's bundle, from src/, so the check needs no build: the same minified size as from
 * dist/ (which tsc compiles to ES2022 too), and a gzip figure within a few bytes of it (esbuild
 * orders some output differently).
 */
export const packageBundle = (entry = './src/index.ts'): Promise<BundleSize> =>
  gzippedBundle(`export * from '${entry}';`, entry.endsWith('.ts') ? 'ts' : 'js');

/** The budget in bytes, from package.json. */
export async function readBudget(): Promise<number> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    sizeBudget?: { browserBundleGzipBytes?: unknown };
  };
  const budget = pkg.sizeBudget?.browserBundleGzipBytes;
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget <= 0)
    throw new Error('package.json needs sizeBudget.browserBundleGzipBytes, a positive integer');
  return budget;
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;

/** Measures and compares with `budget` (package.json's by default). */
export async function checkSize(budget?: number): Promise<SizeCheck> {
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

/** The result as a Markdown table (for CI's job summary). */
export const markdownTable = (result: SizeCheck): string =>
  [
    '| measure | gzip | minified | budget | |',
    '| --- | --- | --- | --- | --- |',
    `| browser bundle (openapi-fetch included) | ${bytes(result.gzip)} | ${bytes(result.raw)} | ${bytes(result.budget)} | ${result.ok ? 'within budget' : 'OVER BUDGET'} |`,
  ].join('\n');

if (isMain(import.meta)) {
  const { values } = parseArgs({
    options: { budget: { type: 'string' }, markdown: { type: 'boolean' } },
  });
  try {
    const budget = values.budget === undefined ? undefined : Number(values.budget);
    if (budget !== undefined && (!Number.isInteger(budget) || budget <= 0))
      throw new Error(`--budget must be a positive integer, not ${values.budget ?? ''}`);
    const result = await checkSize(budget);
    console.log(values.markdown ? markdownTable(result) : `size: ${result.line}`);
    process.exitCode = result.ok ? 0 : 1;
  } catch (error) {
    console.error(`size: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
