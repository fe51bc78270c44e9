// `npm run all`: generate, check, build, docs, with the spec linted once and the types rendered
// once (`generate` does both; the check and the docs build reuse its result).
import { build } from './build.js';
import { check, report as reportCheck } from './check.js';
import { docs } from './docs.js';
import { generate, report as reportGenerate } from './generate.js';

const generated = await generate();
reportGenerate('generate: ', generated);
if (!generated.ok) process.exit(1);
// generate has linted the spec and written generated/ from it.
const parts = ['upstream', 'parameters', 'format', 'types', 'lint', 'docs', 'size', 'api'] as const;
if (reportCheck(await check(parts), parts) !== 0) process.exit(1);
const built = await build();
if (!built.ok) {
  console.error(`${built.output}\nbuild: tsc failed; see the diagnostics above.`);
  process.exit(1);
}
console.log('build: wrote dist/index.js and dist/index.d.ts');
process.exitCode = await docs({ lint: false });
