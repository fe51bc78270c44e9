// The command line against the library it is built on, side by side in one run:
//   - `apify-builds list static --all --ndjson` (20,000 builds, every one printed) against a
//     process that walks the same list with the library's iterateBuilds and prints nothing;
//   - its peak memory over 20,000 and 100,000 builds (flat in N: NDJSON is written page by page);
//   - `apify-builds --version` against `node -e 0` (start-up: the client is loaded only by
//     commands that need it).
// Each contender is a fresh process, rounds alternate the order, the ratio is the median of the
// rounds' ratios.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { distPath } from '../scripts/lib/paths.js';
import { TOKEN, median, mib, ms, ratio, type Row } from './lib.js';

const CLI = path.join(distPath, 'cli.js');
// Prints the peak resident set size of the process on its way out, on a line of its own.
const RSS_PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss '+process.resourceUsage().maxRSS*1024+'\\n'))`;

interface Timed {
  ms: number;
  stdoutBytes: number;
  stderr: string;
}

/** Runs `node args`, draining stdout; resolves to its wall time (spawn to exit). */
function timed(args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0)
        reject(new Error(`node ${args.join(' ')} exited with ${String(code)}:\n${stderr}`));
      else resolve({ ms: performance.now() - started, stdoutBytes, stderr });
    });
  });
}

/** Median of the per-round ratios a/b, with each round's order alternated. */
async function sideBySide(
  rounds: number,
  a: () => Promise<Timed>,
  b: () => Promise<Timed>,
): Promise<{ a: number; b: number; ratio: number }> {
  const times: { a: number; b: number }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2) {
      const tb = await b();
      const ta = await a();
      times.push({ a: ta.ms, b: tb.ms });
    } else {
      const ta = await a();
      const tb = await b();
      times.push({ a: ta.ms, b: tb.ms });
    }
  }
  return {
    a: median(times.map((t) => t.a)),
    b: median(times.map((t) => t.b)),
    ratio: median(times.map((t) => t.a / t.b)),
  };
}

export async function commandLine(base: string, { rounds = 15 } = {}): Promise<Row[]> {
  const env = { ...process.env, APIFY_TOKEN: TOKEN, APIFY_API_BASE_URL: base, NO_COLOR: '1' };
  const library = pathToFileURL(path.join(distPath, 'index.js')).href;
  const walk = `
    const { createBuildsClient } = await import(${JSON.stringify(library)});
    const client = createBuildsClient({ baseUrl: process.env.APIFY_API_BASE_URL });
    let n = 0;
    for await (const build of client.iterateBuilds('static', { desc: true })) n += build.id.length > 0 ? 1 : 0;
    if (n !== 20000) throw new Error('walked ' + n);`;
  const list = () => timed([CLI, 'list', 'static', '--all', '--ndjson'], env);
  const iterate = () => timed(['--input-type=module', '-e', walk], env);
  const first = await list();
  if (first.stdoutBytes < 20_000 * 100)
    throw new Error(`list printed only ${first.stdoutBytes} bytes`);
  const throughput = await sideBySide(rounds, list, iterate);

  const peak = async (count: number) => {
    const run = await timed(
      ['--import', RSS_PRELOAD, CLI, 'list', `gen-${count}`, '--all', '--ndjson'],
      env,
    );
    return Number(/maxrss (\d+)/.exec(run.stderr)?.[1]);
  };
  const [small, large] = [await peak(20_000), await peak(100_000)];

  const version = () => timed([CLI, '--version'], env);
  const empty = () => timed(['-e', '0'], env);
  const startup = await sideBySide(rounds * 2, version, empty);
  const help = await sideBySide(rounds * 2, () => timed([CLI, 'list', '--help'], env), empty);

  return [
    {
      measure:
        '`apify-builds list --all --ndjson`, 20,000 builds, vs a process walking iterateBuilds',
      result: `${ms(throughput.a)} vs ${ms(throughput.b)}`,
      ratio: ratio(throughput.ratio),
      goal: '<= 1.3x',
      met: throughput.ratio <= 1.3,
    },
    {
      measure: '`apify-builds list --all --ndjson`: peak RSS, 100,000 vs 20,000 builds',
      result: `${mib(large)} vs ${mib(small)}`,
      ratio: ratio(large / small),
      goal: 'flat in N (<= 1.25x)',
      met: large / small <= 1.25,
    },
    {
      measure: '`apify-builds --version` vs `node -e 0`',
      result: `${ms(startup.a)} vs ${ms(startup.b)}`,
      ratio: ratio(startup.ratio),
      goal: '<= 2x',
      met: startup.ratio <= 2,
    },
    {
      measure: '`apify-builds list --help` vs `node -e 0`',
      result: `${ms(help.a)} vs ${ms(help.b)}`,
      ratio: ratio(help.ratio),
      goal: '<= 2x',
      met: help.ratio <= 2,
    },
  ];
}
