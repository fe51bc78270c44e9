// Walks all 20,000 builds of the `static` actor with each contender, interleaved round by round,
// and compares the medians with plain fetch + res.json(). The rounds run in several fresh
// processes, one after another: a process settles into a faster or slower state as a whole (its
// heap, its compiled code), which moves every contender alike within it but differs between
// processes, so one process alone gives ratios that vary from run to run.
import { ApifyClient } from 'apify-client';
import { isMain, runNode } from '../scripts/lib/process.js';
import {
  TOKEN,
  benchArgs,
  createBuildsClient,
  median,
  ms,
  ratio,
  requestCount,
  type Row,
} from './lib.js';

const TOTAL = 20_000;
const PAGES = 20;
// The walks' seams overlap by one build: 1000, then 999 new builds per request.
const WALK_PAGES = 21;
const WALKS = new Set(['iterateBuilds', 'iterateBuildPages, a for-of over each page']);

function contenders(base: string): Record<string, () => Promise<number>> {
  const ours = createBuildsClient({ baseUrl: base, token: TOKEN });
  const apify = new ApifyClient({ baseUrl: base, token: TOKEN, maxRetries: 0 });
  return {
    'plain fetch + res.json()': async () => {
      let offset = 0;
      let seen = 0;
      for (;;) {
        const res = await fetch(`${base}/v2/acts/static/builds?offset=${offset}&limit=1000`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        if (!res.ok) throw new Error(`plain fetch: HTTP ${res.status}`);
        const { data } = (await res.json()) as {
          data: { total: number; count: number; items: { id: string }[] };
        };
        for (const build of data.items) if (build.id) seen += 1;
        offset += data.count;
        if (data.count < 1000 || offset >= data.total) return seen;
      }
    },
    iterateBuilds: async () => {
      let seen = 0;
      for await (const build of ours.iterateBuilds('static')) if (build.id) seen += 1;
      return seen;
    },
    'iterateBuildPages, a for-of over each page': async () => {
      let seen = 0;
      for await (const page of ours.iterateBuildPages('static')) {
        for (const build of page.items) if (build.id) seen += 1;
      }
      return seen;
    },
    'listBuilds loop': async () => {
      let offset = 0;
      let seen = 0;
      for (;;) {
        const page = await ours.listBuilds('static', { offset, limit: 1000 });
        for (const build of page.items) if (build.id) seen += 1;
        offset += page.count;
        if (page.count < 1000 || offset >= page.total) return seen;
      }
    },
    'apify-client 2.25.0 list()': async () => {
      let seen = 0;
      for await (const build of apify.actor('static').builds().list()) if (build.id) seen += 1;
      return seen;
    },
  };
}

type Times = Record<string, number[]>;

/** Shuffles arrays: the same seed gives the same orders (a linear congruential generator). */
function shuffler(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return <T>(items: readonly T[]): T[] => {
    const order = [...items];
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  };
}

/** One process's rounds: each contender's times, round by round. */
async function measure(base: string, warmup: number, rounds: number, seed: number): Promise<Times> {
  const walks = Object.entries(contenders(base));
  const times: Times = Object.fromEntries(walks.map(([name]) => [name, []]));
  const shuffle = shuffler(seed);
  await requestCount(base);
  for (let round = 0; round < warmup + rounds; round += 1) {
    // A new order each round: a walk leaves garbage that the next one may pay for, so no
    // contender may always run after the same one (a rotation would keep that).
    for (const [name, walk] of shuffle(walks)) {
      const start = performance.now();
      const seen = await walk();
      const elapsed = performance.now() - start;
      const requests = await requestCount(base);
      const pages = WALKS.has(name) ? WALK_PAGES : PAGES;
      if (seen !== TOTAL || requests !== pages) {
        throw new Error(
          `${name}: saw ${seen} builds in ${requests} requests, expected ${TOTAL} in ${pages}`,
        );
      }
      if (round >= warmup) times[name]?.push(elapsed);
    }
  }
  return times;
}

export async function throughput(
  base: string,
  { warmup = 5, rounds = 40, processes = 3 } = {},
): Promise<Row[]> {
  const times: Times = {};
  for (let i = 0; i < processes; i += 1) {
    const child = await runNode(
      benchArgs('throughput.ts', [CHILD, base, String(warmup), String(rounds), String(i + 1)]),
    );
    if (!child.ok) throw new Error(`throughput: a measuring process failed:\n${child.output}`);
    const measured = JSON.parse(child.stdout) as Times;
    for (const [name, list] of Object.entries(measured)) (times[name] ??= []).push(...list);
  }
  // The contenders as the measuring processes named them, in their order.
  const names = Object.keys(times);
  const timesOf = (name: string) => times[name] ?? [];
  // Each ratio is taken within a round, against plain fetch of the same round, then the median
  // of all rounds of all processes is reported: drift of the machine over the run cancels out.
  const FLOOR = 'plain fetch + res.json()';
  const APIFY = 'apify-client 2.25.0 list()';
  const ratioTo = (name: string, floor: string) =>
    median(timesOf(name).map((value, round) => value / (timesOf(floor)[round] ?? Number.NaN)));
  const goals: Record<string, [string, (share: number) => boolean]> = {
    [FLOOR]: ['1.00x (floor)', () => true],
    iterateBuilds: ['<= 1.05x fetch', (r) => r <= 1.05],
    'iterateBuildPages, a for-of over each page': ['<= 1.05x fetch', (r) => r <= 1.05],
    'listBuilds loop': ['<= 1.05x fetch', (r) => r <= 1.05],
    [APIFY]: ['', () => true],
  };
  const rows = names.map((name) => {
    const [goal, met] = goals[name] ?? ['', () => true];
    const share = ratioTo(name, FLOOR);
    return {
      measure: `Walk 20,000 builds (${WALKS.has(name) ? WALK_PAGES : PAGES} requests, median of ${processes} processes × ${rounds} rounds): ${name}`,
      result: ms(median(timesOf(name))),
      ratio: `${ratio(share)} fetch`,
      goal,
      met: met(share),
    };
  });
  for (const name of ['iterateBuilds', 'listBuilds loop']) {
    const faster = ratioTo(APIFY, name);
    rows.push({
      measure: `apify-client list() time / ${name} time`,
      result: ratio(faster),
      ratio: '',
      goal: '>= 1.8x',
      met: faster >= 1.8,
    });
  }
  return rows;
}

const CHILD = '--measure';

// A measuring process: `node … bench/throughput.ts --measure <base> <warmup> <rounds> <seed>`
// prints each contender's times as JSON.
if (isMain(import.meta) && process.argv[2] === CHILD) {
  const [base = '', warmup = '5', rounds = '40', seed = '1'] = process.argv.slice(3);
  const times = await measure(base, Number(warmup), Number(rounds), Number(seed));
  process.stdout.write(JSON.stringify(times));
}
