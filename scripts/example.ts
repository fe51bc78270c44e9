// `npm run example <name> [args]`: runs examples/<name>.ts under tsx, with 'apify-builds-client'
// resolved to this repository's src/ (tsconfig.json's `paths`), so no build or install is needed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/paths.js';
import { tsxImport } from './lib/process.js';

const examples = path.join(root, 'examples');
const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.error('usage: npm run example <name> [args]; see examples/');
  process.exit(2);
}
const source = path.join(examples, `${name}.ts`);
if (!existsSync(source)) {
  const known = readdirSync(examples)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -3));
  console.error(`example: no example ${JSON.stringify(name)}; there are: ${known.join(', ')}`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', tsxImport, source, ...args], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl+C reaches the example itself (same process group); wait for it to finish.
process.on('SIGINT', () => undefined);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
