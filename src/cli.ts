#!/usr/bin/env node
// The `apify-builds` bin: runs the command line on this process's arguments, environment and
// streams. The first Ctrl+C asks the run to stop (aborts in flight finish, results are printed);
// a second one exits at once.
import { main } from './cli/main.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort(new Error('interrupted'));
});
// A reader that went away (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2), process.env, process, controller.signal);
