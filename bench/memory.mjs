// Peak heap growth of a whole walk, for growing numbers of builds, each in a fresh process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mib, ratio } from './lib.mjs';

const run = promisify(execFile);
const script = fileURLToPath(new URL('memory-walk.mjs', import.meta.url));

export async function memory(base, { counts = [50_000, 100_000, 200_000] } = {}) {
  const results = [];
  for (const count of counts) {
    const { stdout } = await run(process.execPath, ['--expose-gc', script, base, String(count)]);
    results.push(JSON.parse(stdout));
  }
  const page = Math.max(...results.map((r) => r.pageBytes));
  // Flat in N: every walk, whatever its length, stays under the same bound of about two pages
  // (the page being read and the one fetched ahead).
  return results.map(({ count, peak, lastMean }) => ({
    measure: `Memory, iterateBuilds over ${count.toLocaleString('en-US')} builds: peak heapUsed growth (1 page of 1,000 = ${mib(page)})`,
    result: `${mib(peak)} (last 50 pages: mean ${mib(lastMean)})`,
    ratio: `${ratio(peak / page)} page (mean ${ratio(lastMean / page)})`,
    goal: '<= ~2 pages, flat in N',
    met: peak <= 2.25 * page,
  }));
}
