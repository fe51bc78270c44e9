// `npm run generate`: lint the spec, then regenerate and format generated/schema.d.ts.
// A spec with a lint problem or that cannot be compiled leaves generated/ untouched.
// `npm run watch` (`npm run generate -- --watch`) does the same on every change under spec/ and
// to redocly.yaml, and keeps watching after a failure.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { watch } from 'chokidar';
import { readCommitted, tryRenderTypes } from './lib/generated.js';
import { outputPath, root } from './lib/paths.js';
import { isMain } from './lib/process.js';
import { lintSpec } from './lib/redocly.js';

const relativeOutput = path.relative(root, outputPath);

/** The outcome of one run; `summary` is one line, `details` what went wrong. */
export interface Outcome {
  ok: boolean;
  summary: string;
  details?: string;
}

/** One run of lint + render + write; never throws: a watch must survive anything one run does. */
export async function generate(): Promise<Outcome> {
  const started = performance.now();
  const took = () => `${String(Math.round(performance.now() - started))} ms`;
  try {
    // Lint runs in a child process while the types are rendered here.
    const [lint, rendered] = await Promise.all([lintSpec(), tryRenderTypes()]);
    if (!lint.ok) {
      return {
        ok: false,
        summary: `spec/ has lint problems; ${relativeOutput} left unchanged (${took()})`,
        details: lint.output,
      };
    }
    if (!rendered.ok) {
      return {
        ok: false,
        summary: `openapi-typescript failed; ${relativeOutput} left unchanged (${took()})`,
        details: rendered.error,
      };
    }
    if ((await readCommitted()) === rendered.text) {
      return { ok: true, summary: `${relativeOutput} is up to date (${took()})` };
    }
    await mkdir(path.dirname(outputPath), { recursive: true });
    await writeFile(outputPath, rendered.text);
    return { ok: true, summary: `wrote ${relativeOutput} (${took()})` };
  } catch (error) {
    return {
      ok: false,
      summary: 'failed',
      details: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

export function report(prefix: string, result: Outcome): void {
  if (result.details) console.error(result.details);
  if (result.ok) console.log(`${prefix}${result.summary}`);
  else console.error(`${prefix}${result.summary}`);
}

async function watchSpec(): Promise<void> {
  report('generate: ', await generate());
  const targets = [path.join(root, 'spec'), path.join(root, 'redocly.yaml')];
  // chokidar follows a file that is replaced (atomic saves, renames, branch switches), which
  // node:fs watch does not.
  const watcher = watch(targets, { ignoreInitial: true, atomic: true });
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  watcher.on('all', (event, file) => {
    if (event === 'addDir' || event === 'unlinkDir') return;
    changed.add(path.relative(root, file));
    // Editors save in several steps; one run for a burst of events.
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort().join(', ');
      changed.clear();
      running = running.then(async () => {
        report(`${files} changed → `, await generate());
      });
    }, 100);
  });
  watcher.on('error', (error) => {
    console.error(`watch: ${error instanceof Error ? error.message : String(error)}`);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  console.log('generate: watching spec/ and redocly.yaml (Ctrl+C to stop)');
  const stop = () => {
    clearTimeout(timer);
    void watcher.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (isMain(import.meta)) {
  if (process.argv.includes('--watch')) await watchSpec();
  else {
    const result = await generate();
    report('generate: ', result);
    process.exitCode = result.ok ? 0 : 1;
  }
}
