// `npm run build`: remove the previous compiler output from dist/, then compile src/ with
// tsconfig.build.json into dist/ (ES modules plus declarations).
import { existsSync, readdirSync, rmSync } from 'node:fs';
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
  const result = await run(process.execPath, [tscPath, '-p', 'tsconfig.build.json'], { cwd: root });
  return { ok: result.ok, output: result.output.trim() };
}

if (isMain(import.meta)) {
  const result = await build();
  if (result.ok) console.log('build: wrote dist/index.js and dist/index.d.ts');
  else {
    console.error(`${result.output}\nbuild: tsc failed; see the diagnostics above.`);
    process.exitCode = 1;
  }
}
