// Global setup of the integration tests: dist/ is built once, before any of them runs, so no
// test waits on another to build it.
import { runScript } from '../../scripts/lib/process.js';

export default async function setup(): Promise<void> {
  const result = await runScript('build');
  if (!result.ok) throw new Error(`npm run build failed:\n${result.output}`);
}
