// `npm run ecosystem:install`: installs Bun, Deno and workerd (miniflare) into runtimes/ with
// `npm ci` there, apart from the main install. The ecosystem tests do the same when they find
// them missing; CI runs it before `npm test`.
import { spawn } from 'node:child_process';
import { installArgs, runtimesDir, runtimesState } from './lib/runtimes.js';

const child = spawn('npm', installArgs, { cwd: runtimesDir, stdio: 'inherit' });
const code = await new Promise<number>((resolve) => {
  child.on('error', (error) => {
    console.error(`ecosystem:install: could not start npm: ${error.message}`);
    resolve(1);
  });
  child.on('close', (status) => resolve(status ?? 1));
});
if (code !== 0) {
  console.error(`ecosystem:install: npm ci in runtimes/ exited with ${code}`);
  process.exitCode = code;
} else {
  const state = await runtimesState();
  if (state.ok) console.log('ecosystem:install: runtimes/node_modules matches its lockfile');
  else {
    console.error(`ecosystem:install: ${state.reason}`);
    process.exitCode = 1;
  }
}
