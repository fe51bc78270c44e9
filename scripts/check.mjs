// `npm run check`: fails when the spec has a lint problem, when generated/ is stale against the
// spec, when a file is not formatted as Prettier would, or when the project (examples/
// included) does not type-check, when a code sample or the client reference has a problem, when
// the browser bundle exceeds its budget (bundle-size.mjs) or when the exports no longer match
// api-report/ (api-report.mjs).
// Writes nothing but caches under .cache/ and node_modules/.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checkSize } from './bundle-size.mjs';
import { checkDocs } from './docs-check.mjs';
import { lintSpec, readCommitted, renderTypes, typecheck } from './pipeline.mjs';
import { root } from './paths.mjs';

const require = createRequire(import.meta.url);

/** `prettier --check .` (what .prettierignore leaves), in a child process beside the rest. */
function formatting() {
  const cli = require.resolve('prettier/bin/prettier.cjs');
  const args = [
    cli,
    '--check',
    '--no-color',
    '.',
    '--log-level',
    'warn',
    '--cache',
    '--cache-strategy',
    'content',
  ];
  args.push('--cache-location', path.join(root, '.cache', 'prettier-check.json'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const files = `${stdout}\n${stderr}`
          .split('\n')
          .map((line) => /^\[warn\] (.+)$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''))?.[1])
          .filter((file) => file && !file.startsWith('Code style issues'));
        resolve({ ok: !error, files, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

/** `api-report.mjs --check` in a child process: API Extractor runs its own compiler. */
function apiReport() {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'scripts', 'api-report.mjs'), '--check'],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}`.trim() }),
    );
  });
}

const lint = lintSpec();
const api = apiReport();
const size = checkSize().catch((error) => ({ ok: false, line: error.message }));
const format = formatting();
const types = typecheck();
const docs = checkDocs(); // the code samples type-check and TypeDoc has nothing to warn about
const fresh = Promise.all([renderTypes(), readCommitted()]).then(
  ([rendered, committed]) => ({ ok: rendered === committed }),
  (error) => ({ ok: false, error }),
);
const failures = [];
const lintResult = await lint;
if (!lintResult.ok) failures.push(`spec lint failed:\n${lintResult.output}`);
const freshResult = await fresh;
if (freshResult.error) failures.push(`openapi-typescript failed: ${freshResult.error}`);
else if (!freshResult.ok)
  failures.push(
    'generated/schema.d.ts is stale against spec/openapi.yaml: run `npm run generate` and commit the result.',
  );
const formatResult = await format;
if (!formatResult.ok) {
  failures.push(
    formatResult.files.length > 0
      ? `not formatted: ${formatResult.files.join(', ')}; run \`npx prettier --write ${formatResult.files.join(' ')}\``
      : `prettier --check failed:\n${formatResult.output}`,
  );
}
const typesResult = await types;
if (!typesResult.ok) failures.push(`type check failed:\n${typesResult.output}`);
const docsResult = await docs;
if (!docsResult.ok) failures.push(`docs check failed:\n${docsResult.output}`);
const sizeResult = await size;
if (!sizeResult.ok) failures.push(`size budget exceeded: ${sizeResult.line}`);
const apiResult = await api;
if (!apiResult.ok) failures.push(`API report check failed:\n${apiResult.output}`);

if (failures.length > 0) {
  console.error(failures.map((f) => `check: ${f}`).join('\n\n'));
  process.exitCode = 1;
} else {
  console.log(
    `check: spec lint clean, generated/ up to date, formatting clean, types OK, docs OK, API report up to date, ${sizeResult.line}`,
  );
}
