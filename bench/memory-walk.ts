// One memory run, in its own process started with --expose-gc:
//   node --expose-gc --import tsx bench/memory-walk.ts <baseUrl> <builds>
// Walks all builds of the server's `gen-<builds>` actor with iterateBuilds and, at every page
// boundary, collects garbage and samples heapUsed. Prints JSON: the peak growth over the heap
// before the walk, the mean of the last 50 samples, and the heap one parsed page of 1,000
// builds holds (needs >= 50,000 builds).
import { TOKEN, createBuildsClient } from './lib.js';

const [base, count] = [process.argv[2] ?? '', Number(process.argv[3])];
if (globalThis.gc === undefined) throw new Error('run with --expose-gc');
const gc = globalThis.gc;
const client = createBuildsClient({ baseUrl: base, token: TOKEN });
const actor = `gen-${count}`;

function heap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

// Warm up code paths (JIT code is most of what grows otherwise) and the connection, then
// measure the heap ten parsed pages hold, for the size of one.
for await (const build of client.iterateBuilds(actor, { maxItems: 50_000 })) if (!build.id) break;
// In functions of their own: a suspended frame can keep the value of its last await alive.
async function pageSize(): Promise<number> {
  const start = heap();
  const pages: unknown[] = [];
  for (let i = 0; i < 10; i += 1) pages.push(await client.listBuilds(actor, { offset: i * 1000 }));
  return (heap() - start) / pages.length;
}
const pageBytes = await pageSize();

const before = heap();
const samples: number[] = [];
let seen = 0;
for await (const build of client.iterateBuilds(actor)) {
  if (build.id) seen += 1;
  if (seen % 1000 === 0) samples.push(heap() - before);
}
if (seen !== count) throw new Error(`saw ${seen} of ${count} builds`);
// The mean of the last 50 samples: the same number for every N, where growth would show most.
const last = samples.slice(-50);
const lastMean = last.reduce((sum, value) => sum + value, 0) / last.length;
console.log(JSON.stringify({ count, peak: Math.max(...samples), lastMean, pageBytes }));
