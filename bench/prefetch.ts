// A consumer that works on each page while the server takes as long to answer: the walk with
// one page fetched ahead against the same walk page by page.
import type { BuildsPage } from '../src/index.js';
import { TOKEN, busyWait, createBuildsClient, delay, median, ms, ratio, type Row } from './lib.js';

const SERVER_DELAY_MS = 5;
const WORK_MS = 5;
const ACTOR = `slow-${SERVER_DELAY_MS}`;
const PAGE_SIZE = 100; // 2,000 builds: 20 pages

export async function prefetch(base: string, { rounds = 5 } = {}): Promise<Row[]> {
  const client = createBuildsClient({ baseUrl: base, token: TOKEN });
  const kinds: Record<string, (page: BuildsPage) => Promise<void>> = {
    [`${WORK_MS} ms of CPU per page`]: () => {
      busyWait(WORK_MS);
      return Promise.resolve();
    },
    [`an awaited ${WORK_MS} ms per page`]: () => delay(WORK_MS),
  };
  const rows: Row[] = [];
  for (const [kind, work] of Object.entries(kinds)) {
    const sequential = async () => {
      for (let offset = 0; ;) {
        const page = await client.listBuilds(ACTOR, { offset, limit: PAGE_SIZE });
        await work(page);
        offset += page.count;
        if (page.count < PAGE_SIZE || offset >= page.total) return;
      }
    };
    const ahead = async () => {
      for await (const page of client.iterateBuildPages(ACTOR, { pageSize: PAGE_SIZE })) {
        await work(page);
      }
    };
    const times: Record<'sequential' | 'ahead', number[]> = { sequential: [], ahead: [] };
    for (let round = 0; round < rounds + 1; round += 1) {
      const order =
        round % 2 ? (['ahead', 'sequential'] as const) : (['sequential', 'ahead'] as const);
      for (const name of order) {
        const start = performance.now();
        await (name === 'ahead' ? ahead() : sequential());
        if (round > 0) times[name].push(performance.now() - start);
      }
    }
    const share = median(times.ahead) / median(times.sequential);
    rows.push({
      measure: `Prefetch, ${kind}, server ${SERVER_DELAY_MS} ms, 20 pages: iterateBuildPages vs page by page`,
      result: `${ms(median(times.ahead))} vs ${ms(median(times.sequential))}`,
      ratio: ratio(share),
      goal: '<= 0.60x',
      met: share <= 0.6,
    });
  }
  return rows;
}
