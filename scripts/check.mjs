// `npm run check`: fails when the spec has a lint problem, when generated/ is stale
// against the spec, or when the project does not type-check. Writes nothing.
import { lintSpec, renderTypes, readCommitted, typecheck } from './pipeline.mjs';
import { checkDocs } from './docs-check.mjs';

const lint = lintSpec();
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
const typesResult = await types;
if (!typesResult.ok) failures.push(`type check failed:\n${typesResult.output}`);
const docsResult = await docs;
if (!docsResult.ok) failures.push(`docs check failed:\n${docsResult.output}`);

if (failures.length > 0) {
  console.error(failures.map((f) => `check: ${f}`).join('\n\n'));
  process.exitCode = 1;
} else {
  console.log('check: spec lint clean, generated/ up to date, types OK, docs OK');
}
