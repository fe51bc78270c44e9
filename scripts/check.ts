// `npm run check`: fails when the spec has a lint problem, when generated/ is stale against the
// spec, when a file is not formatted as Prettier would, when the project does not type-check or
// ESLint finds anything, or when a code sample or the client reference has a problem.
// Writes nothing but the tools' caches in the one cache directory.
import path from 'node:path';
import { readCommitted, tryRenderTypes } from './lib/generated.js';
import { cacheDir } from './lib/paths.js';
import { isMain, runNode, runScript } from './lib/process.js';
import { lintSpec } from './lib/redocly.js';
import { eslintPath, prettierPath, tscPath } from './lib/tools.js';

/** What one part of the check found: `undefined` when it passed, otherwise the message. */
type Finding = Promise<string | undefined>;

/** The spec lints clean and generated/ is what the spec renders to. */
async function spec(): Promise<string[]> {
  const [lint, rendered, committed] = await Promise.all([
    lintSpec(),
    tryRenderTypes(),
    readCommitted(),
  ]);
  const found: string[] = [];
  if (!lint.ok) found.push(`spec lint failed:\n${lint.output}`);
  if (!rendered.ok) found.push(`openapi-typescript failed: ${rendered.error}`);
  else if (rendered.text !== committed)
    found.push(
      'generated/schema.d.ts is stale against spec/openapi.yaml: run `npm run generate` and commit the result.',
    );
  return found;
}

/** `prettier --check .` (what .prettierignore leaves). */
async function formatting(): Finding {
  const cache = path.join(cacheDir, 'prettier.json');
  const args = ['--check', '--no-color', '.', '--log-level', 'warn'];
  const result = await runNode([prettierPath, ...args, '--cache', '--cache-location', cache]);
  if (result.ok) return undefined;
  const files = result.output
    .split('\n')
    .map((line) => /^\[warn\] (.+)$/.exec(line)?.[1])
    .filter((file): file is string => file !== undefined && !file.startsWith('Code style issues'));
  return files.length > 0
    ? `not formatted: ${files.join(', ')}; run \`npx prettier --write ${files.join(' ')}\``
    : `prettier --check failed:\n${result.output}`;
}

/** `tsc --noEmit` over tsconfig.json, incremental: unchanged files are not checked again. */
async function types(): Finding {
  const buildInfo = path.join(cacheDir, 'tsconfig.tsbuildinfo');
  const args = ['-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', buildInfo];
  const result = await runNode([tscPath, ...args, '--pretty']);
  return result.ok ? undefined : `type check failed:\n${result.output.trim()}`;
}

/** ESLint with type information over every source file; a warning fails too. */
async function lint(): Finding {
  const result = await runNode([eslintPath, '--max-warnings', '0', '.']);
  return result.ok ? undefined : `eslint failed:\n${result.output.trim()}`;
}

/** The code samples type-check and TypeDoc has nothing to warn about (scripts/docs-check.ts). */
async function docs(): Finding {
  const result = await runScript('docs-check');
  return result.ok ? undefined : `docs check failed:\n${result.output.trim()}`;
}

/**
 * Every part, side by side in child processes; resolves to the failures, each one message.
 * `spec: false` leaves out the spec lint and the stale-`generated/` gate (`npm run all` has just
 * done both while generating).
 */
export async function check(options: { spec?: boolean } = {}): Promise<string[]> {
  const parts = [
    options.spec === false ? Promise.resolve([]) : spec(),
    ...[formatting(), types(), lint(), docs()].map(async (finding) => {
      const found = await finding;
      return found === undefined ? [] : [found];
    }),
  ];
  return (await Promise.all(parts)).flat();
}

/** Prints the outcome of check(); resolves to the exit code. */
export function report(failures: string[]): number {
  if (failures.length === 0) {
    console.log(
      'check: spec lint clean, generated/ up to date, formatting clean, types OK, ESLint clean, docs OK',
    );
    return 0;
  }
  console.error(failures.map((f) => `check: ${f}`).join('\n\n'));
  return 1;
}

if (isMain(import.meta)) process.exitCode = report(await check());
