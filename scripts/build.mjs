// `npm run build`: remove the previous compiler output from dist/, then compile src/ with
// tsconfig.build.json into dist/ (ES modules plus declarations).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { distPath as dist, root } from './paths.mjs';

const require = createRequire(import.meta.url);

if (existsSync(dist)) {
  // dist/docs is written by `npm run docs`; leave it for a test or browser that may be reading it.
  for (const entry of readdirSync(dist)) {
    if (entry !== 'docs') rmSync(path.join(dist, entry), { recursive: true, force: true });
  }
}

try {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
} catch {
  console.error('build: tsc failed; see the diagnostics above.');
  process.exit(1);
}
console.log('build: wrote dist/index.js and dist/index.d.ts');
