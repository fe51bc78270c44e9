// `npm run generate`: lint the spec, then regenerate and format generated/schema.d.ts.
// A spec with a lint problem or that cannot be compiled leaves generated/ untouched.
// `npm run generate -- --watch` regenerates on every save of a file under spec/.
import { watch } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { lintSpec, renderTypes, readCommitted, outputPath, root } from './pipeline.mjs';

async function generate() {
  const started = performance.now();
  // Lint runs in a child process while the types are rendered here.
  const [lint, rendered] = await Promise.all([
    lintSpec(),
    renderTypes().then(
      (text) => ({ ok: true, text }),
      (error) => ({ ok: false, error }),
    ),
  ]);
  if (!lint.ok) {
    console.error(
      `${lint.output}\n\ngenerate: spec/ has lint problems; generated/ left unchanged.`,
    );
    return false;
  }
  if (!rendered.ok) {
    console.error(
      `generate: openapi-typescript failed; generated/ left unchanged.\n${rendered.error}`,
    );
    return false;
  }
  const relative = path.relative(root, outputPath);
  if ((await readCommitted()) === rendered.text) {
    console.log(
      `generate: ${relative} is up to date (${Math.round(performance.now() - started)} ms)`,
    );
    return true;
  }
  await mkdir(path.dirname(outputPath), { recursive: true });
  await writeFile(outputPath, rendered.text);
  console.log(`generate: wrote ${relative} (${Math.round(performance.now() - started)} ms)`);
  return true;
}

if (process.argv.includes('--watch')) {
  await generate();
  let timer;
  let running = Promise.resolve();
  const specDir = path.join(root, 'spec');
  console.log(`generate: watching ${path.relative(root, specDir)}/ (Ctrl+C to stop)`);
  watch(specDir, { recursive: true }, () => {
    // Editors save in several steps; wait for them to settle.
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(generate);
    }, 100);
  });
} else {
  process.exitCode = (await generate()) ? 0 : 1;
}
