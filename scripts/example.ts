// `npm run example <name> [args]`: runs examples/<name>.ts under tsx, with 'apify-builds-client'
// resolved to this repository's src/ (tsconfig.json's `paths`), so no build or install is needed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/paths.js';
import { tsxImport } from './lib/process.js';

const examples = path.join(root, 'examples');
const [name, ...args] = process.argv.slice(2);

/** Each example's name and the first line of its opening comment. */
function known(): string {
  const names = readdirSync(examples)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -3))
    .sort();
  const width = Math.max(...names.map((each) => each.length));
  return names
    .map((each) => {
      const text = readFileSync(path.join(examples, `${each}.ts`), 'utf8');
      const about = /^\/\/ (.*)$/m.exec(text)?.[1] ?? '';
      return `  ${each.padEnd(width)}  ${about}`;
    })
    .join('\n');
}

const HOW = [
  'Against `npm run mock`: APIFY_API_BASE_URL=http://127.0.0.1:4010 npm run example <name>',
  '  (and APIFY_TOKEN=<its token> if it was started with --token)',
  'Against the API: APIFY_TOKEN=<your token> npm run example <name> <username>~<actor-name>',
].join('\n');
if (!name) {
  console.log(`usage: npm run example <name> [args]\n\nexamples:\n${known()}\n\n${HOW}`);
  process.exit(0);
}
const source = path.join(examples, `${name}.ts`);
if (!/^[\w-]+$/.test(name) || !existsSync(source)) {
  console.error(`example: no example ${JSON.stringify(name)}; there are:\n${known()}`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', tsxImport, source, ...args], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl+C reaches the example itself (same process group); wait for it to finish.
process.on('SIGINT', () => undefined);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
