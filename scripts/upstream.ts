// `npm run upstream -- <path or URL of an OpenAPI root file>`: bundles that spec and ours with
// Redocly, lists every difference in the operations our spec declares, and checks each against
// spec/upstream-differences.yaml. Exit 0: every difference is listed; 1: a difference is not
// listed or a listed one is gone (stale); 2: the command could not run.
// `--pin` also writes the upstream spec's digest (upstream/digest.ts) with its source commit to
// spec/upstream-digest.json; `--digest <file>` compares against such a digest instead of a
// bundled spec, offline (what `npm test` does).
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { asDocument, type OpenApiDocument } from './lib/openapi.js';
import { root, specPath } from './lib/paths.js';
import { isMain, tsxImport } from './lib/process.js';
import { bundleSpec } from './lib/redocly.js';
import { compareSpecs, type Row } from './upstream/compare.js';
import { digestSpec } from './upstream/digest.js';

const USAGE =
  'usage: npm run upstream -- [--spec <our root file>] [--differences <yaml>] [--json] ' +
  '(<path or URL> [--pin [--commit <sha>] [--as <source name>] [--out <digest>]] | --digest <digest>)';
export const digestPath = path.join(root, 'spec', 'upstream-digest.json');

/** The commit a source comes from: --commit, a commit in a GitHub raw URL, or its work tree. */
function sourceCommit(source: string, given: string | undefined): string | null {
  if (given) return given;
  const fromUrl = /^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/([0-9a-f]{40})\//.exec(
    source,
  );
  if (fromUrl?.[1]) return fromUrl[1];
  if (isUrl(source)) return null;
  try {
    const dir = path.dirname(source);
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { stdio: 'pipe' });
    const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--', '.'], {
      stdio: 'pipe',
    });
    return `${commit.toString().trim()}${dirty.length > 0 ? ' (with local changes)' : ''}`;
  } catch {
    return null;
  }
}

async function readDigest(file: string): Promise<Digest> {
  try {
    const digest = JSON.parse(await readFile(file, 'utf8')) as Partial<Digest> | null;
    if (typeof digest?.spec?.paths !== 'object') throw new Error('no spec.paths');
    return digest as Digest;
  } catch (error) {
    throw new UsageError(
      `cannot read the digest ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

class UsageError extends Error {}

const isUrl = (value: string) => /^https?:\/\//i.test(value);

/** One deliberate difference; `upstream` pins the value too. */
interface Entry {
  key: string;
  reason: string;
  upstream?: string;
}

interface Classified extends Row {
  listed: boolean;
  reason?: string;
}

/** What `--pin` writes and `--digest` reads. */
interface Digest {
  source: string;
  commit: string | null;
  upstreamVersion: string | null;
  spec: OpenApiDocument;
}

// Remote $refs: at most 8 requests at once, each retried (upstream/bounded-fetch.ts); tsx first, so that
// Node.js can load the preload's TypeScript.
const preload = new URL('./upstream/bounded-fetch-preload.ts', import.meta.url).href;
const bundleOptions = { timeout: 180_000, nodeArgs: ['--import', tsxImport, '--import', preload] };

/** Bundles one OpenAPI root (a path or a URL; remote $refs resolve). */
async function bundle(source: string) {
  try {
    return asDocument(
      await bundleSpec(isUrl(source) ? source : path.resolve(source), bundleOptions),
    );
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The deliberate differences, checked for shape. */
async function loadDifferences(file: string): Promise<Entry[]> {
  let data: unknown;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const entries = (data as { differences?: unknown } | null)?.differences;
  if (!Array.isArray(entries)) throw new UsageError(`${file}: expected a 'differences' list`);
  const keys = new Set<string>();
  for (const [i, raw] of (entries as unknown[]).entries()) {
    const entry = (raw ?? {}) as Partial<Record<keyof Entry, unknown>>;
    const where = `${file}: differences[${String(i)}]`;
    if (typeof entry.key !== 'string' || !entry.key) throw new UsageError(`${where} needs a 'key'`);
    if (typeof entry.reason !== 'string' || !entry.reason.trim())
      throw new UsageError(`${where} (${entry.key}) needs a 'reason'`);
    if (entry.upstream !== undefined && typeof entry.upstream !== 'string')
      throw new UsageError(`${where} (${entry.key}): 'upstream' must be a string`);
    if (keys.has(entry.key)) throw new UsageError(`${where}: '${entry.key}' is listed twice`);
    keys.add(entry.key);
  }
  return entries as Entry[];
}

/** Marks each row listed or new, and finds the entries that match no row. */
function classify(rows: Row[], entries: Entry[]) {
  const matches = (entry: Entry, row: Row) =>
    entry.key === row.key && (entry.upstream === undefined || entry.upstream === row.upstream);
  const classified = rows.map((row): Classified => {
    const entry = entries.find((e) => matches(e, row));
    return { ...row, listed: Boolean(entry), ...(entry && { reason: entry.reason }) };
  });
  const stale = entries.filter((e) => !rows.some((row) => matches(e, row)));
  return { rows: classified, stale };
}

const cell = (text: string) => text.replaceAll('|', '\\|');

function render(report: {
  source: string;
  upstreamVersion: string | undefined;
  differencesFile: string;
  rows: Classified[];
  stale: Entry[];
}): string {
  const { source, upstreamVersion, differencesFile, rows, stale } = report;
  const lines = [`Upstream: ${source} (info.version ${upstreamVersion ?? 'unknown'})`, ''];
  if (rows.length > 0) {
    lines.push('| status | difference | ours | upstream |', '| --- | --- | --- | --- |');
    for (const row of rows)
      lines.push(
        `| ${row.listed ? 'listed' : 'NEW'} | ${cell(row.key)} | ${cell(row.ours)} | ${cell(row.upstream)} |`,
      );
    lines.push('');
  }
  if (stale.length > 0) {
    lines.push(`Stale entries in ${differencesFile} (they match no difference; remove them):`);
    for (const entry of stale)
      lines.push(`- ${entry.key}${entry.upstream ? ` (upstream: ${entry.upstream})` : ''}`);
    lines.push('');
  }
  const fresh = rows.filter((r) => !r.listed).length;
  if (fresh > 0)
    lines.push(
      `NEW rows: follow upstream in spec/openapi.yaml (then npm run generate), or list the row's key in ${differencesFile} with a reason.`,
    );
  lines.push(
    `${String(rows.length)} ${rows.length === 1 ? 'difference' : 'differences'}: ${String(rows.length - fresh)} listed, ${String(fresh)} new; ${String(stale.length)} stale entries.`,
  );
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: 'string', default: specPath },
      differences: { type: 'string', default: path.join(root, 'spec/upstream-differences.yaml') },
      json: { type: 'boolean', default: false },
      pin: { type: 'boolean', default: false },
      commit: { type: 'string' },
      as: { type: 'string' },
      out: { type: 'string', default: digestPath },
      digest: { type: 'string' },
    },
  });
  if (positionals.length !== (values.digest ? 0 : 1) || (values.digest && values.pin))
    throw new UsageError(USAGE);
  // npm runs scripts from the project root; a relative path is meant from where npm was run.
  const from = process.env.INIT_CWD ?? process.cwd();
  const at = (file: string) => (isUrl(file) ? file : path.resolve(from, file));
  const digest = values.digest ? await readDigest(at(values.digest)) : undefined;
  const source =
    digest && values.digest
      ? `${digest.source} at ${digest.commit ?? 'an unknown commit'} (pinned in ${path.relative(from, at(values.digest))})`
      : positionals[0];
  if (source === undefined) throw new UsageError(USAGE);
  const differencesPath = at(values.differences);
  const differencesFile = path.relative(from, differencesPath) || differencesPath;
  const entries = await loadDifferences(differencesPath);
  const [ours, theirs] = await Promise.all([
    bundle(at(values.spec)),
    digest ? digest.spec : bundle(at(source)),
  ]);
  if (values.pin) {
    const pinned: Digest = {
      source: values.as ?? source,
      commit: sourceCommit(at(source), values.commit),
      upstreamVersion: theirs.info?.version ?? null,
      spec: digestSpec(ours, theirs),
    };
    await writeFile(at(values.out), `${JSON.stringify(pinned, null, 2)}\n`);
    process.stderr.write(`upstream: pinned ${path.relative(from, at(values.out))}\n`);
  }
  const { rows, stale } = classify(compareSpecs(ours, theirs), entries);
  const upstreamVersion = theirs.info?.version;
  process.stdout.write(
    values.json
      ? `${JSON.stringify({ source, upstreamVersion, rows, stale }, null, 2)}\n`
      : `${render({ source, upstreamVersion, differencesFile, rows, stale })}\n`,
  );
  return rows.some((r) => !r.listed) || stale.length > 0 ? 1 : 0;
}

/** A mistake in the call: its message, without a stack. */
const isUsage = (error: unknown): error is Error =>
  error instanceof UsageError ||
  (error instanceof Error &&
    String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'));

if (isMain(import.meta)) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    const text = isUsage(error) ? error.message : error instanceof Error ? error.stack : error;
    process.stderr.write(`upstream: ${String(text)}\n`);
    process.exitCode = 2;
  }
}
