// The steps shared by `npm run generate` and `npm run check`: lint the spec, render the
// generated types in memory, type-check the project. Nothing here writes to generated/.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { outputPath, root, specPath } from './paths.mjs';
import { runRedocly } from './redocly.mjs';

export { outputPath, root, specPath };

const BANNER = `/**
 * Generated from spec/openapi.yaml by openapi-typescript. Do not edit by hand:
 * change the spec and run \`npm run generate\` (\`npm run check\` fails while this file is stale).
 */

`;

// Redocly's way out of a failing lint; the project's rule is zero problems, never an ignore file.
const IGNORE_FILE_ADVICE = /^.*--generate-ignore-file.*$\n?/gm;

/**
 * A spec that is not valid YAML, as `file:line:column: YAML syntax error: reason`; undefined when
 * Redocly's output is not about a parse failure.
 */
function syntaxError(output) {
  if (!/Failed to parse API description/.test(output)) return undefined;
  const found = /^\s*- (.+?) in "([^"]+)" \((\d+):(\d+)\)/m.exec(output);
  if (!found) return `${path.relative(root, specPath)}: YAML syntax error:\n${output}`;
  const [, reason, file, line, column] = found;
  return `${path.relative(root, file)}:${line}:${column}: YAML syntax error: ${reason}`;
}

/**
 * Redocly lint of the `builds` API in redocly.yaml. `ok` only with zero errors, zero warnings
 * and no configuration warning; `output` says what is wrong (a YAML syntax error as one line
 * with file, line and column).
 * @returns {Promise<{ ok: boolean, output: string }>}
 */
export async function lintSpec() {
  const result = await runRedocly(['lint', '--format=stylish']);
  const output = result.output.replace(IGNORE_FILE_ADVICE, '').trim();
  const syntax = syntaxError(output);
  if (syntax) return { ok: false, output: syntax };
  // Redocly exits 0 on warnings, configuration warnings included; here they fail.
  const warned = /warning/i.test(output);
  return { ok: result.ok && !warned, output };
}

/** The generated types for the current spec, formatted exactly as they are committed. */
export async function renderTypes() {
  const [{ default: openapiTS, astToString }, prettier] = await Promise.all([
    import('openapi-typescript'),
    import('prettier'),
  ]);
  const ast = await openapiTS(pathToFileURL(specPath), { silent: true });
  const options = (await prettier.resolveConfig(outputPath)) ?? {};
  return prettier.format(BANNER + astToString(ast), { ...options, filepath: outputPath });
}

export async function readCommitted() {
  return readFile(outputPath, 'utf8').catch(() => '');
}

/**
 * `tsc --noEmit` for the project's tsconfig.json, on a worker thread, so it runs beside the
 * rendering of the types on the main thread.
 */
export function typecheck() {
  return new Promise((resolve) => {
    // Colours and code frames only for a terminal, as `tsc --pretty` decides; plain text in logs.
    const workerData = { task: 'typecheck', pretty: Boolean(process.stdout.isTTY) };
    const worker = new Worker(new URL(import.meta.url), { workerData });
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ ok: false, output: String(error?.stack ?? error) }));
  });
}

const cacheDir = path.join(root, 'node_modules', '.cache');
const stampPath = path.join(cacheDir, 'check-types.json');

/** A hash of each file; a file that is gone hashes to an empty string. */
function hashFiles(files) {
  return files.map((file) => {
    try {
      return createHash('sha256').update(readFileSync(file)).digest('base64');
    } catch {
      return '';
    }
  });
}

/**
 * What a clean type check depended on: the compiler, the root files, and the hashes of the files
 * it read outside node_modules (those are pinned by the lockfile) plus tsconfig.json and the
 * lockfile.
 */
function stampOf(ts, rootNames, files) {
  const fixed = [path.join(root, 'tsconfig.json'), path.join(root, 'package-lock.json')];
  return JSON.stringify({
    ts: ts.version,
    rootNames,
    files,
    hashes: hashFiles([...files, ...fixed]),
  });
}

async function typecheckHere(pretty) {
  const { default: ts } = await import('typescript');
  const configPath = path.join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) return { ok: false, output: ts.flattenDiagnosticMessageText(error.messageText, '\n') };
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  // Nothing the last clean check read has changed: it would pass again.
  const previous = await readFile(stampPath, 'utf8').catch(() => '');
  if (previous && parsed.errors.length === 0) {
    const { files } = JSON.parse(previous);
    if (stampOf(ts, parsed.fileNames, files) === previous) return { ok: true, output: '' };
  }
  // Incremental: unchanged files are not checked again on the next run.
  const options = {
    ...parsed.options,
    noEmit: true,
    incremental: true,
    tsBuildInfoFile: path.join(cacheDir, 'check.tsbuildinfo'),
  };
  const builder = ts.createIncrementalProgram({ rootNames: parsed.fileNames, options });
  const diagnostics = [
    ...parsed.errors,
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  builder.emit(); // with noEmit this writes only the build info
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  };
  const output = pretty
    ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host)
    : ts.formatDiagnostics(diagnostics, host);
  const ok = diagnostics.length === 0;
  const files = builder
    .getSourceFiles()
    .map((file) => path.resolve(file.fileName))
    .filter((file) => !file.split(path.sep).includes('node_modules'));
  await mkdir(cacheDir, { recursive: true });
  await writeFile(stampPath, ok ? stampOf(ts, parsed.fileNames, files) : '');
  return { ok, output };
}

// The worker side of typecheck(); last, so every declaration above is initialised.
if (!isMainThread && workerData?.task === 'typecheck') {
  parentPort.postMessage(await typecheckHere(workerData.pretty));
}
