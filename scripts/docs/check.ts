// The docs part of `npm run check`: the code samples of spec/samples/ type-check against src/, and
// TypeDoc finds nothing to warn about in the client's public API (a missing doc comment, a broken
// {@link}). Prints the problems, one per line; exit 1 when there are any.
import { convertClient } from './client.js';
import { isMain } from '../lib/process.js';

/**
 * Resolves to `{ ok, output }`. `options` names another typedoc.json (one that extends ours, as
 * the tests use) instead of the project's.
 */
export async function checkDocs(options?: string): Promise<{ ok: boolean; output: string }> {
  const { ok, output } = await convertClient(options === undefined ? {} : { options });
  return { ok, output };
}

if (isMain(import.meta)) {
  const { ok, output } = await checkDocs();
  if (output) console.error(output);
  process.exitCode = ok ? 0 : 1;
}
