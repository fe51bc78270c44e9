// Walks all 20,000 builds of the `static` actor with each contender, interleaved round by round,
// and compares the medians with plain fetch + res.json(). The rounds run in several fresh
// processes, one after another: a process settles into a faster or slower state as a whole (its
// heap, its compiled code), which moves every contender alike within it but differs between
// processes, so one process alone gives ratios that vary from run to run.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApifyClient } from 'apify-client';
import { isMain, runNode } from '../scripts/lib/process.js';
import type * as Package from '../src/index.js';
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
const ITEMS = 'iterateBuilds';
const PAGE_ITEMS = 'iterateBuildPages, a for-of over each page';
/** The walks of another build of the package (`--baseline <dist>`), named like ours. */
const BASELINE = ' (baseline)';
const isWalk = (name: string) => [ITEMS, PAGE_ITEMS].includes(name.replace(BASELINE, ''));

/** The two walks of a client, by name. */
function walks(client: ReturnType<typeof createBuildsClient>, suffix = '') {
  return {
    [ITEMS + suffix]: async () => {
      let seen = 0;
      for await (const build of client.iterateBuilds('static')) if (build.id) seen += 1;
      return seen;
    },
    [PAGE_ITEMS + suffix]: async () => {
      let seen = 0;
      for await (const page of client.iterateBuildPages('static')) {
        for (const build of page.items) if (build.id) seen += 1;
      }
      return seen;
    },
  };
}

/**
 * Every contender; with `baseline` (the dist/ folder of another build of the package, e.g. the
 * main branch's) also that build's walks, against the same server in the same rounds.
 */
async function contenders(
  base: string,
  baseline: string | undefined,
): Promise<Record<string, () => Promise<number>>> {
  const ours = createBuildsClient({ baseUrl: base, token: TOKEN });
  const apify = new ApifyClient({ baseUrl: base, token: TOKEN, maxRetries: 0 });
  const other = baseline
    ? ((await import(pathToFileURL(path.resolve(baseline, 'index.js')).href)) as typeof Package)
    : undefined;
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
    ...walks(ours),
    ...(other && walks(other.createBuildsClient({ baseUrl: base, token: TOKEN }), BASELINE)),
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
async function measure(base: string, { warmup, rounds, seed, baseline }: Settings): Promise<Times> {
  const all = Object.entries(await contenders(base, baseline));
  const times: Times = Object.fromEntries(all.map(([name]) => [name, []]));
  const shuffle = shuffler(seed);
  await requestCount(base);
  for (let round = 0; round < warmup + rounds; round += 1) {
    // A new order each round: a walk leaves garbage that the next one may pay for, so no
    // contender may always run after the same one (a rotation would keep that).
    for (const [name, walk] of shuffle(all)) {
      const start = performance.now();
      const seen = await walk();
      const elapsed = performance.now() - start;
      const requests = await requestCount(base);
      const pages = isWalk(name) ? WALK_PAGES : PAGES;
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

interface Settings {
  warmup: number;
  rounds: number;
  seed: number;
  /** The dist/ folder of another build of the package, whose walks run beside ours. */
  baseline?: string | undefined;
}

export async function throughput(
  base: string,
  {
    warmup = 5,
    rounds = 40,
    processes = 3,
    baseline,
  }: Partial<Settings> & { processes?: number } = {},
): Promise<Row[]> {
  const times: Times = {};
  for (let i = 0; i < processes; i += 1) {
    const settings: Settings = { warmup, rounds, seed: i + 1, baseline };
    const child = await runNode(
      benchArgs('throughput.ts', [CHILD, base, JSON.stringify(settings)]),
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
  // A walk makes one request more than the plain loop (its seams overlap by one build) and
  // checks every build's place in the list; one page does neither.
  const goals: Record<string, [string, (share: number) => boolean]> = {
    [FLOOR]: ['1.00x (floor)', () => true],
    [ITEMS]: ['<= 1.12x fetch', (r) => r <= 1.12],
    [PAGE_ITEMS]: ['<= 1.12x fetch', (r) => r <= 1.12],
    'listBuilds loop': ['<= 1.05x fetch', (r) => r <= 1.05],
    [APIFY]: ['', () => true],
  };
  const rows = names.map((name) => {
    const [goal, met] = goals[name] ?? ['', () => true];
    const share = ratioTo(name, FLOOR);
    return {
      measure: `Walk 20,000 builds (${isWalk(name) ? WALK_PAGES : PAGES} requests, median of ${processes} processes × ${rounds} rounds): ${name}`,
      result: ms(median(timesOf(name))),
      ratio: `${ratio(share)} fetch`,
      goal,
      met: met(share),
    };
  });
  for (const name of [ITEMS, PAGE_ITEMS]) {
    if (!times[name + BASELINE]) continue;
    const change = ratioTo(name, name + BASELINE);
    rows.push({
      measure: `${name}: time / the baseline build's, round by round`,
      result: ratio(change),
      ratio: '',
      goal: '',
      met: true,
    });
  }
  for (const name of [ITEMS, 'listBuilds loop']) {
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

// A measuring process: `node … bench/throughput.ts --measure <base> <settings as JSON>` prints
// each contender's times as JSON.
if (isMain(import.meta) && process.argv[2] === CHILD) {
  const [base = '', settings = '{}'] = process.argv.slice(3);
  const times = await measure(base, JSON.parse(settings) as Settings);
  process.stdout.write(JSON.stringify(times));
}
