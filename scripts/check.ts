// `npm run check`: fails when the spec has a lint problem, when generated/ is stale against the
// spec, when the spec differs from the pinned official one (spec/upstream-digest.json) beyond
// spec/upstream-differences.yaml, when a parameter of the spec is neither offered by the client
// nor listed in spec/not-exposed.yaml or the fake API does not say whether it implements it
// (spec/parameters.ts), when a file is not formatted as Prettier would, when the project does not type-check or
// ESLint finds anything, when a code sample or the client reference has a problem, when the
// browser bundle exceeds its budget (bundle-size.ts) or when the exports no longer match
// api-report/ (api-report.ts).
// Writes nothing but the tools' caches in the one cache directory and .cache/.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkSize } from './bundle-size.js';
import { readCommitted, tryRenderTypes } from './lib/generated.js';
import { cacheDir } from './lib/paths.js';
import { isMain, runNode, runScript } from './lib/process.js';
import { lintSpec } from './lib/redocly.js';
import { eslintPath, prettierPath, tscPath } from './lib/tools.js';
import { parameterFindings } from './spec/parameters.js';
import { digestPath } from './upstream.js';

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

/**
 * Our spec differs from the pinned official one only as spec/upstream-differences.yaml lists
 * (`npm run upstream -- --digest spec/upstream-digest.json`, offline): one message with its
 * report, whatever the number of rows.
 */
async function upstream(): Finding {
  const result = await runScript('upstream', ['--digest', digestPath]);
  if (result.ok) return undefined;
  // The rows already listed are not the problem: only the new ones and the totals are shown.
  const report = result.output
    .split('\n')
    .filter((line) => !line.startsWith('| listed |'))
    .join('\n')
    .trim();
  return result.code === 1
    ? `spec/openapi.yaml differs from the official spec beyond spec/upstream-differences.yaml:\n${report}`
    : `upstream comparison failed:\n${report}`;
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

/**
 * `tsc --noEmit` over tsconfig.json, incremental: unchanged files are not checked again. Colours
 * and code frames only when this process prints to a terminal; plain text in logs and pipes.
 */
async function types(): Finding {
  const buildInfo = path.join(cacheDir, 'tsconfig.tsbuildinfo');
  const args = ['-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', buildInfo];
  const pretty = process.stdout.isTTY ? ['--pretty'] : [];
  const result = await runNode([tscPath, ...args, ...pretty]);
  return result.ok ? undefined : `type check failed:\n${result.output.trim()}`;
}

/** ESLint with type information over every source file; a warning fails too. */
async function lint(): Finding {
  const result = await runNode([eslintPath, '--max-warnings', '0', '.']);
  return result.ok ? undefined : `eslint failed:\n${result.output.trim()}`;
}

/** The code samples type-check and TypeDoc has nothing to warn about (scripts/docs/check.ts). */
async function docs(): Finding {
  const result = await runScript('docs/check');
  return result.ok ? undefined : `docs check failed:\n${result.output.trim()}`;
}

/**
 * The browser bundle is within `sizeBudget.browserBundleGzipBytes` of package.json
 * (scripts/bundle-size.ts); prints the figure when it is.
 */
async function size(): Finding {
  try {
    const result = await checkSize();
    if (!result.ok) return `size budget exceeded: ${result.line}`;
    console.log(`check: size: ${result.line}`);
    return undefined;
  } catch (error) {
    return `size check failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The exports match api-report/ (`api-report --check`; API Extractor runs its own compiler). */
async function api(): Finding {
  const result = await runScript('api-report', ['--check']);
  return result.ok ? undefined : `API report check failed:\n${result.output.trim()}`;
}

const PARTS = {
  spec,
  upstream: async () => [await upstream()],
  // After `upstream`: a new parameter is first a difference to list, then the client's and the
  // fake's to follow.
  parameters: () =>
    parameterFindings().catch((error: unknown) => [
      `parameters check failed: ${error instanceof Error ? error.message : String(error)}`,
    ]),
  format: async () => [await formatting()],
  types: async () => [await types()],
  lint: async () => [await lint()],
  docs: async () => [await docs()],
  size: async () => [await size()],
  api: async () => [await api()],
} satisfies Record<string, () => Promise<(string | undefined)[]>>;

export type Part = keyof typeof PARTS;
const isPart = (name: string): name is Part => Object.hasOwn(PARTS, name);

/**
 * The parts (all by default), side by side, most in child processes; resolves to the failures,
 * each one message. `npm run all` leaves out `spec` (the lint and the stale-`generated/` gate):
 * it has just done both while generating.
 */
export async function check(parts: readonly Part[] = Object.keys(PARTS) as Part[]) {
  const found = await Promise.all(parts.map((part) => PARTS[part]()));
  return found.flat().filter((failure) => failure !== undefined);
}

/** Prints the outcome of check(); resolves to the exit code. */
export function report(failures: string[], parts: readonly string[] = Object.keys(PARTS)): number {
  if (failures.length === 0) {
    console.log(`check: ${parts.join(', ')}: OK`);
    return 0;
  }
  console.error(failures.map((f) => `check: ${f}`).join('\n\n'));
  return 1;
}

if (isMain(import.meta)) {
  // `npm run check -- --only types,lint` runs those parts alone.
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const parts = values.only?.split(',').map((name) => name.trim()) ?? Object.keys(PARTS);
  const unknown = parts.filter((name) => !isPart(name));
  if (unknown.length > 0) {
    console.error(
      `check: no part ${unknown.join(', ')}; the parts are ${Object.keys(PARTS).join(', ')}`,
    );
    process.exitCode = 2;
  } else process.exitCode = report(await check(parts.filter(isPart)), parts);
}
