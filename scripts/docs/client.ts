// The client reference: TypeDoc over src/index.ts (configured in typedoc.json). Its program is
// spec/samples/tsconfig.json, so the code samples of the API reference are compiled with it and
// a sample that does not type-check fails here like a missing doc comment does.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Application, ConsoleLogger, LogLevel, type TypeDocOptions } from 'typedoc';
import { root } from '../lib/paths.js';

export const typedocConfig = path.join(root, 'typedoc.json');

/**
 * The members of `paths` and `components` come from generated/schema.d.ts: they carry the spec's
 * descriptions where it has them, and no comment can be written by hand on the others.
 */
const GENERATED_UNDOCUMENTED =
  /, defined in [^,]+\/generated\/schema\.d\.ts, does not have any documentation$/;

/** Keeps every warning and error (with its file and line) instead of printing it. */
class CollectingLogger extends ConsoleLogger {
  messages: string[] = [];
  override log(message: string, level: LogLevel): void {
    // Without terminal colours the messages read the same in a log file and in a test.
    const text = stripVTControlCharacters(message);
    if (level >= LogLevel.Warn && !GENERATED_UNDOCUMENTED.test(text)) this.messages.push(text);
  }
}

/**
 * Converts and validates the client's public API. Every warning counts (typedoc.json sets
 * treatWarningsAsErrors); `overrides` replaces options, e.g. `options`: another typedoc.json
 * (one that extends ours, as the tests use). `output` lists the problems, one per line.
 */
export async function convertClient(overrides: Partial<TypeDocOptions> = {}) {
  const app = await Application.bootstrapWithPlugins({ options: typedocConfig, ...overrides });
  const logger = new CollectingLogger();
  app.logger = logger;
  const project = await app.convert();
  if (project) app.validate(project);
  const ok = project !== undefined && logger.messages.length === 0;
  const output = project
    ? logger.messages.join('\n')
    : ['TypeDoc could not convert the project:', ...logger.messages].join('\n');
  return { ok, output, app, project, logger };
}

/**
 * TypeDoc's pages point their icons at assets/icons.svg, which Chromium refuses to load from
 * file:// (a console error per icon); assets/icons.js adds the same icons to every page, so a
 * plain fragment reference works from file:// and over HTTP alike.
 */
async function useInlineIcons(out: string): Promise<void> {
  const pages = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html'));
  await Promise.all(
    pages.map(async (page) => {
      const file = path.join(out, page);
      const html = await readFile(file, 'utf8');
      await writeFile(file, html.replace(/href="(?:\.\.\/)*assets\/icons\.svg#/g, 'href="#'));
    }),
  );
}

/** Writes the client reference into `out`; rejects with TypeDoc's problems when there are any. */
export async function buildClientReference(out: string): Promise<void> {
  // `npm run check` type-checks the same program; the docs build only converts it.
  const { ok, output, app, project, logger } = await convertClient({ skipErrorChecking: true });
  if (!ok || !project) throw new Error(`TypeDoc found problems:\n${output}`);
  await app.generateDocs(project, out);
  if (logger.messages.length > 0)
    throw new Error(`TypeDoc found problems:\n${logger.messages.join('\n')}`);
  await useInlineIcons(out);
}
