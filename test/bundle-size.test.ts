// The size budget of the browser bundle (scripts/bundle-size.mjs, run by `npm run check`).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSize, packageBundle, readBudget } from '../scripts/bundle-size.mjs';
import { ensureBuilt } from './build-once.js';
import { root } from './helpers/project.js';

describe('browser bundle size budget', () => {
  it('reads the budget from package.json and is within it', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
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
  });

  it('measures from src/ what the benchmark measures from the built dist/, within a few bytes', async () => {
    await ensureBuilt();
    const [fromSrc, fromDist] = [await packageBundle(), await packageBundle('./dist/index.js')];
    expect(fromSrc.raw).toBe(fromDist.raw);
    expect(Math.abs(fromSrc.gzip - fromDist.gzip)).toBeLessThanOrEqual(32);
  }, 60_000);
});
