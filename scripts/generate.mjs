// `npm run generate`: lint the spec, then regenerate and format generated/schema.d.ts.
// A spec with a lint problem or that cannot be compiled leaves generated/ untouched.
// `npm run watch` (`npm run generate -- --watch`) does the same on every change under spec/ and
// to redocly.yaml, and keeps watching after a failure.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lintSpec, readCommitted, renderTypes } from './pipeline.mjs';
import { outputPath, root } from './paths.mjs';

const relativeOutput = path.relative(root, outputPath);

/**
 * One run of lint + render + write.
 * @returns {Promise<{ ok: boolean, summary: string, details?: string }>} `summary` is one line.
 */
async function generate() {
  const started = performance.now();
  const took = () => `${Math.round(performance.now() - started)} ms`;
  // Lint runs in a child process while the types are rendered here.
  const [lint, rendered] = await Promise.all([
    lintSpec(),
    renderTypes().then(
      (text) => ({ ok: true, text }),
      (error) => ({ ok: false, error }),
    ),
  ]);
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
      details: String(rendered.error?.message ?? rendered.error),
    };
  }
  if ((await readCommitted()) === rendered.text) {
    return { ok: true, summary: `${relativeOutput} is up to date (${took()})` };
  }
  await mkdir(path.dirname(outputPath), { recursive: true });
  await writeFile(outputPath, rendered.text);
  return { ok: true, summary: `wrote ${relativeOutput} (${took()})` };
}

/** Runs generate() and never throws: a watch must survive anything one run does. */
async function safeGenerate() {
  try {
    return await generate();
  } catch (error) {
    return { ok: false, summary: 'failed', details: String(error?.stack ?? error) };
  }
}

function report(prefix, result) {
  if (result.details) console.error(result.details);
  (result.ok ? console.log : console.error)(`${prefix}${result.summary}`);
}

async function watchSpec() {
  const { watch } = await import('chokidar');
  report('generate: ', await safeGenerate());
  const targets = [path.join(root, 'spec'), path.join(root, 'redocly.yaml')];
  // chokidar follows a file that is replaced (atomic saves, renames, branch switches), which
  // node:fs watch does not.
  const watcher = watch(targets, { ignoreInitial: true, atomic: true });
  const changed = new Set();
  let timer;
  let running = Promise.resolve();
  watcher.on('all', (event, file) => {
    if (event === 'addDir' || event === 'unlinkDir') return;
    changed.add(path.relative(root, file));
    // Editors save in several steps; one run for a burst of events.
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort().join(', ');
      changed.clear();
      running = running.then(async () => report(`${files} changed → `, await safeGenerate()));
    }, 100);
  });
  watcher.on('error', (error) => console.error(`watch: ${error?.message ?? error}`));
  await new Promise((resolve) => watcher.once('ready', resolve));
  console.log('generate: watching spec/ and redocly.yaml (Ctrl+C to stop)');
  const stop = () => {
    clearTimeout(timer);
    void watcher.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv.includes('--watch')) {
  await watchSpec();
} else {
  const result = await safeGenerate();
  report('generate: ', result);
  process.exitCode = result.ok ? 0 : 1;
}
