// A consumer that works on each page while the server takes as long to answer: the walk with
// one page fetched ahead against the same walk page by page.
import { createBuildsClient } from '../dist/index.js';
import { TOKEN, busyWait, delay, median, ms, ratio } from './lib.mjs';

const SERVER_DELAY_MS = 5;
const WORK_MS = 5;
const ACTOR = `slow-${SERVER_DELAY_MS}`;
const PAGE_SIZE = 100; // 2,000 builds: 20 pages

export async function prefetch(base, { rounds = 5 } = {}) {
  const client = createBuildsClient({ baseUrl: base, token: TOKEN });
  const kinds = {
    [`${WORK_MS} ms of CPU per page`]: async () => busyWait(WORK_MS),
    [`an awaited ${WORK_MS} ms per page`]: () => delay(WORK_MS),
  };
  const rows = [];
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
    const times = { sequential: [], ahead: [] };
    for (let round = 0; round < rounds + 1; round += 1) {
      const order = round % 2 ? ['ahead', 'sequential'] : ['sequential', 'ahead'];
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
