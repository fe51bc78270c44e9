// The size budget of the browser bundle (scripts/bundle-size.ts, run by `npm run check`). An
// integration test: esbuild runs in a child process, and dist/ is built by the global setup.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSize, markdownTable, packageBundle, readBudget } from '../../scripts/bundle-size.js';
import { runScript } from '../../scripts/lib/process.js';
import { root } from '../helpers/project.js';

describe('browser bundle size budget', () => {
  it('reads the budget from package.json and is within it', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      sizeBudget: { browserBundleGzipBytes: number };
    };
    expect(await readBudget()).toBe(pkg.sizeBudget.browserBundleGzipBytes);
    const result = await checkSize();
    expect(result.ok).toBe(true);
    expect(result.gzip).toBeGreaterThan(4096);
    expect(result.line).not.toMatch(/over/);
  });

  it('fails above the budget and says by how much', async () => {
    const { gzip } = await packageBundle();
    const result = await checkSize(gzip - 10);
    expect(result.ok).toBe(false);
    expect(result.line).toMatch(/— 10 B over; shrink it or raise the budget in package\.json$/);
    expect((await checkSize(gzip)).ok).toBe(true);
    expect(markdownTable(result)).toMatch(/\| OVER BUDGET \|$/);
  });

  it('runs as `npm run size`: the figure, exit 1 above a --budget', async () => {
    const within = await runScript('bundle-size');
    expect(within.code, within.output).toBe(0);
    expect(within.stdout).toMatch(
      /^size: browser bundle .*: [\d,]+ B \([\d,]+ B minified\), budget /,
    );
    const over = await runScript('bundle-size', ['--budget', '1024', '--markdown']);
    expect(over.code, over.output).toBe(1);
    expect(over.stdout).toContain('| browser bundle (openapi-fetch included) |');
    expect(over.stdout).toContain('OVER BUDGET');
  });

  it('measures from src/ what the benchmark measures from the built dist/, within a few bytes', async () => {
    const [fromSrc, fromDist] = [await packageBundle(), await packageBundle('./dist/index.js')];
    expect(fromSrc.raw).toBe(fromDist.raw);
    expect(Math.abs(fromSrc.gzip - fromDist.gzip)).toBeLessThanOrEqual(32);
  });
});
