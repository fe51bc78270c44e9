// Peak heap growth of a whole walk, for growing numbers of builds, each in a fresh process.
import { runNode } from '../scripts/lib/process.js';
import { benchArgs, mib, ratio, type Row } from './lib.js';

interface Walk {
  count: number;
  peak: number;
  lastMean: number;
  pageBytes: number;
}

export async function memory(
  base: string,
  { counts = [50_000, 100_000, 200_000] } = {},
): Promise<Row[]> {
  const results: Walk[] = [];
  for (const count of counts) {
    const walk = await runNode([
      '--expose-gc',
      ...benchArgs('memory-walk.ts', [base, String(count)]),
    ]);
    if (!walk.ok) throw new Error(`memory walk of ${count} builds failed:\n${walk.output}`);
    results.push(JSON.parse(walk.stdout) as Walk);
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
