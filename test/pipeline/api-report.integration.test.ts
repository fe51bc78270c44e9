// Slow: runs scripts/api-report.ts (API Extractor) in child processes. The committed report of
// the exported API matches src/, and a report that no longer does fails `npm run check`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../../scripts/lib/process.js';
import { root } from '../helpers/project.js';

const REPORT = path.join(root, 'api-report', 'apify-builds-client.api.md');
let scratch: string;

/** `npm run api-report -- --check ...args`. */
async function check(...args: string[]): Promise<{ code: number; output: string }> {
  const { code, output } = await runScript('api-report', ['--check', ...args]);
  return { code, output };
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'api-report-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('npm run api-report -- --check', () => {
  it('passes on the committed report', async () => {
    expect(await check()).toEqual({ code: 0, output: '' });
  });

  it('fails when the exports differ from the report, and names the line', async () => {
    const report = await readFile(REPORT, 'utf8');
    const line =
      '    listBuilds(actorId: string, options?: ListBuildsOptions): Promise<BuildsPage>;';
    expect(report).toContain(`${line}\n`);
    await writeFile(path.join(scratch, path.basename(REPORT)), report.replace(`${line}\n`, ''));
    const { code, output } = await check('--report-folder', scratch);
    expect(code).toBe(1);
    expect(output).toContain('the exported API differs from');
    expect(output).toContain('run `npm run api-report` and commit the result');
    expect(output.split('\n').filter((l) => /^api-report: [+-] /.test(l))).toEqual([
      `api-report: + ${line}`,
    ]);
  });
});
