// `npm run api-report`: writes api-report/apify-builds-client.api.md, the package's exported
// surface as API Extractor reads it from the declarations of src/ (emitted into
// .cache/api-report/, so no build is needed). With `--check` (`npm run check`) it
// writes nothing and exits 1 when the committed report no longer matches the exports.
// `--report-folder <dir>` compares against another folder's report (the tests use it).
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { outputPath, root } from './lib/paths.js';
import { isMain } from './lib/process.js';

// Outside node_modules: API Extractor treats whatever lies in node_modules as another package.
// One folder per process, so a test and `npm run check` never share one.
const cache = path.join(root, '.cache', 'api-report', String(process.pid));
export const reportFile = path.join(root, 'api-report', 'apify-builds-client.api.md');

export interface ApiReportOptions {
  /** Update the committed report instead of comparing with it. */
  write?: boolean;
  /** Where the report to compare with (or to write) lies; api-report/ by default. */
  reportFolder?: string | undefined;
}

export interface ApiReportResult {
  ok: boolean;
  /** The exports differ from the report (before it was written, with `write`). */
  changed: boolean;
  /** API Extractor's errors and warnings, and what changed when the check failed. */
  output: string[];
}

/** Emits the declarations of src/ as `npm run build` would, beside a copy of generated/. */
async function emitDeclarations(): Promise<void> {
  await rm(cache, { recursive: true, force: true });
  const configPath = path.join(root, 'tsconfig.build.json');
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    outDir: path.join(cache, 'dist'),
  };
  const program = ts.createProgram(parsed.fileNames, options);
  const result = program.emit();
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (errors.length > 0)
    throw new Error(
      ts.formatDiagnostics(errors, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => root,
        getNewLine: () => '\n',
      }),
    );
  // dist/*.d.ts import ../generated/schema.js, as in the package.
  await mkdir(path.join(cache, 'generated'), { recursive: true });
  await copyFile(outputPath, path.join(cache, 'generated', 'schema.d.ts'));
  await copyFile(path.join(root, 'package.json'), path.join(cache, 'package.json'));
  // The compiler settings a consumer of the package has (dist/ is compiled with DOM types).
  const compilerOptions = {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: [],
    strict: true,
  };
  await writeFile(
    path.join(cache, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: ['dist/index.d.ts'] }),
  );
}

/** Lines only in `a`, then lines only in `b`, as `-`/`+` (enough to say what moved). */
function lineChanges(a: string, b: string): string[] {
  const [left, right] = [a.split('\n'), b.split('\n')];
  const [inLeft, inRight] = [new Set(left), new Set(right)];
  return [
    ...left.filter((line) => !inRight.has(line)).map((line) => `- ${line}`),
    ...right.filter((line) => !inLeft.has(line)).map((line) => `+ ${line}`),
  ];
}

/** Runs API Extractor: compares the exports with the report, or with `write` updates it. */
export async function apiReport(options: ApiReportOptions = {}): Promise<ApiReportResult> {
  try {
    return await extract(options.write ?? false, options.reportFolder);
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
}

async function extract(write: boolean, reportFolder?: string): Promise<ApiReportResult> {
  await emitDeclarations();
  await mkdir(path.dirname(reportFile), { recursive: true });
  const { Extractor, ExtractorConfig, ExtractorLogLevel } =
    await import('@microsoft/api-extractor');
  const configFile = path.join(root, 'api-extractor.json');
  const configObject = ExtractorConfig.loadFile(configFile);
  // The emitted copy is the project API Extractor sees, so the report names `generated/...`.
  configObject.projectFolder = cache;
  configObject.apiReport = {
    ...configObject.apiReport,
    enabled: configObject.apiReport?.enabled ?? true,
    reportFolder: path.resolve(reportFolder ?? path.dirname(reportFile)),
  };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: configFile,
    // API Extractor names files relative to the package's folder: a copy of package.json there.
    packageJsonFullPath: path.join(cache, 'package.json'),
  });
  const messages: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: write,
    messageCallback: (message) => {
      // Console messages say the report changed or was created; the result says it below.
      if (
        !message.messageId.startsWith('console-') &&
        (message.logLevel === ExtractorLogLevel.Error ||
          message.logLevel === ExtractorLogLevel.Warning)
      )
        messages.push(message.formatMessageWithLocation(root));
      message.handled = true;
    },
  });
  const committed = path.join(config.reportFolder, path.basename(reportFile));
  const fresh = path.join(config.reportTempFolder, path.basename(reportFile));
  const changed = result.apiReportChanged;
  const output = [...messages];
  if (changed && !write) {
    const [before = '', after = ''] = await Promise.all(
      [committed, fresh].map((file) => readFile(file, 'utf8').catch(() => '')),
    );
    output.push(
      `the exported API differs from ${path.relative(root, committed)}; run \`npm run api-report\` and commit the result:`,
      ...lineChanges(before, after),
    );
  }
  return { ok: result.succeeded && messages.length === 0 && (write || !changed), changed, output };
}

if (isMain(import.meta)) {
  const { values } = parseArgs({
    options: { check: { type: 'boolean' }, 'report-folder': { type: 'string' } },
  });
  try {
    const { ok, changed, output } = await apiReport({
      write: values.check !== true,
      reportFolder: values['report-folder'],
    });
    if (output.length > 0) console.error(output.map((line) => `api-report: ${line}`).join('\n'));
    if (ok && values.check !== true)
      console.log(
        `api-report: ${changed ? 'wrote' : 'unchanged:'} ${path.relative(root, reportFile)}`,
      );
    process.exitCode = ok ? 0 : 1;
  } catch (error) {
    console.error(`api-report: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
