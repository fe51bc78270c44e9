// `npm run build`: remove the previous compiler output from dist/, then compile src/ with
// tsconfig.build.json into dist/ (ES modules plus declarations, no Node.js types: the library
// runs in browsers too), then the command line with tsconfig.cli.json (Node.js types).
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { distPath, root } from './lib/paths.js';
import { isMain, run } from './lib/process.js';
import { tscPath } from './lib/tools.js';

/** Compiles src/ into dist/; resolves to tsc's diagnostics when it fails. */
export async function build(): Promise<{ ok: boolean; output: string }> {
  if (existsSync(distPath)) {
    // dist/docs is written by `npm run docs`; leave it for a test or browser that may be reading it.
    for (const entry of readdirSync(distPath)) {
      if (entry !== 'docs') rmSync(path.join(distPath, entry), { recursive: true, force: true });
    }
  }
  for (const config of ['tsconfig.build.json', 'tsconfig.cli.json']) {
    const result = await run(process.execPath, [tscPath, '-p', config], { cwd: root });
    if (!result.ok) return { ok: false, output: result.output.trim() };
  }
  // The bin runs as `./dist/cli.js` in a clone too (npm sets the mode when it installs a bin).
  chmodSync(path.join(distPath, 'cli.js'), 0o755);
  return { ok: true, output: '' };
}

if (isMain(import.meta)) {
  const result = await build();
  if (result.ok) console.log('build: wrote dist/index.js, dist/index.d.ts and dist/cli.js');
  else {
    console.error(`${result.output}\nbuild: tsc failed; see the diagnostics above.`);
    process.exitCode = 1;
  }
}
