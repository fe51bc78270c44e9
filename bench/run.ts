// `npm run bench`: every benchmark side by side in one run, printed as one table; with
// `--write` (`npm run bench -- --write`) also written to bench/results.md. Expects dist/
// (npm run bench builds it first). `-- --baseline <dir>` adds the walks of another build's
// dist/ to the throughput section; `-- --only <section>` runs one section.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { bundle } from './bundle.js';
import { cancellation } from './cancel.js';
import { commandLine } from './cli.js';
import { startServer, type Row } from './lib.js';
import { memory } from './memory.js';
import { pipeline } from './pipeline.js';
import { prefetch } from './prefetch.js';
import { throughput } from './throughput.js';

const { values } = parseArgs({
  options: {
    // Fewer rounds and trials.
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    // Another build's dist/ (e.g. the main branch's): its walks run beside ours.
    baseline: { type: 'string' },
    // One section only, by the name it prints (e.g. `throughput`).
    only: { type: 'string' },
  },
});
const { quick, baseline, only } = values;
const started = performance.now();
const rows: Row[] = [];
const server = await startServer();
try {
  const step = async (name: string, run: () => Row[] | Promise<Row[]>) => {
    if (only !== undefined && name !== only) return;
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await run()));
  };
  await step('throughput', () =>
    throughput(server.url, { ...(quick && { warmup: 2, rounds: 10 }), baseline }),
  );
  await step('prefetch', () => prefetch(server.url, quick ? { rounds: 2 } : {}));
  await step('cancellation', () => cancellation(server.url, quick ? { trials: 5 } : {}));
  await step('memory', () => memory(server.url));
  await step('command line', () => commandLine(server.url, quick ? { rounds: 5 } : {}));
  await step('bundle', () => bundle());
  await step('pipeline', () => pipeline(quick ? { runs: 1 } : {}));
} finally {
  await server.stop();
}

const header = ['Measure', 'Result', 'Ratio', 'Goal', 'Met'];
const lines = [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map(
    (r) => `| ${[r.measure, r.result, r.ratio, r.goal, r.met ? 'yes' : '**no**'].join(' | ')} |`,
  ),
];
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const machine = `Node.js ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${process.platform}`;
const table = lines.join('\n');
console.log(table);
console.log(`\n${machine}; ${seconds} s in all.`);
// The tracked results change only when asked for.
if (values.write) {
  writeFileSync(
    new URL('results.md', import.meta.url),
    `# Benchmark results\n\nWritten by \`npm run bench -- --write\` (${new Date().toISOString().slice(0, 10)}; ${machine}; ${seconds} s).\n\n${table}\n`,
  );
  console.log('bench: wrote bench/results.md');
}
if (rows.some((r) => !r.met)) console.log('Some goals were missed; see the rows marked "no".');
