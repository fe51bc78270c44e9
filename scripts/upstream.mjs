// `npm run upstream -- <path or URL of an OpenAPI root file>`: bundles that spec and ours with
// Redocly, lists every difference in the operations our spec declares, and checks each against
// spec/upstream-differences.yaml. Exit 0: every difference is listed; 1: a difference is not
// listed or a listed one is gone (stale); 2: the command could not run.
// `--pin` also writes the upstream spec's digest (upstream-digest.mjs) with its source commit to
// spec/upstream-digest.json; `--digest <file>` compares against such a digest instead of a
// bundled spec, offline (what `npm test` does).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { root, specPath } from './paths.mjs';
import { runRedocly } from './redocly.mjs';
import { compareSpecs } from './upstream-compare.mjs';
import { digestSpec } from './upstream-digest.mjs';

const USAGE =
  'usage: npm run upstream -- [--spec <our root file>] [--differences <yaml>] [--json] ' +
  '(<path or URL> [--pin [--commit <sha>] [--as <source name>] [--out <digest>]] | --digest <digest>)';
export const digestPath = path.join(root, 'spec', 'upstream-digest.json');

/** The commit a source comes from: --commit, a commit in a GitHub raw URL, or its work tree. */
function sourceCommit(source, given) {
  if (given) return given;
  const fromUrl = /^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/([0-9a-f]{40})\//.exec(
    source,
  );
  if (fromUrl) return fromUrl[1];
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

async function readDigest(file) {
  try {
    const digest = JSON.parse(await readFile(file, 'utf8'));
    if (typeof digest?.spec?.paths !== 'object') throw new Error('no spec.paths');
    return digest;
  } catch (error) {
    throw new UsageError(`cannot read the digest ${file}: ${error.message}`);
  }
}

class UsageError extends Error {}

const isUrl = (value) => /^https?:\/\//i.test(value);

/** Bundles one OpenAPI root (a path or a URL; remote $refs resolve) into a JSON object. */
async function bundle(source, dir, name) {
  const input = isUrl(source) ? source : path.resolve(source);
  const output = path.join(dir, `${name}.json`);
  // An empty working directory: no redocly.yaml of ours applies to someone else's spec.
  const result = await runRedocly(['bundle', input, '--ext', 'json', '-o', output], {
    cwd: dir,
    timeout: 180_000,
    // Remote $refs: at most 8 requests at once, each retried (bounded-fetch.mjs).
    nodeArgs: ['--import', new URL('./bounded-fetch-preload.mjs', import.meta.url).href],
  });
  if (!result.ok) throw new UsageError(`cannot bundle ${source}:\n${result.output}`);
  try {
    return JSON.parse(await readFile(output, 'utf8'));
  } catch {
    throw new UsageError(`cannot bundle ${source}: Redocly wrote no bundle`);
  }
}

/** The deliberate differences: [{ key, reason, upstream? }]; `upstream` pins the value too. */
async function loadDifferences(file) {
  let data;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error.message}`);
  }
  const entries = data?.differences;
  if (!Array.isArray(entries)) throw new UsageError(`${file}: expected a 'differences' list`);
  const keys = new Set();
  for (const [i, entry] of entries.entries()) {
    const where = `${file}: differences[${i}]`;
    if (typeof entry?.key !== 'string' || !entry.key)
      throw new UsageError(`${where} needs a 'key'`);
    if (typeof entry.reason !== 'string' || !entry.reason.trim())
      throw new UsageError(`${where} (${entry.key}) needs a 'reason'`);
    if (entry.upstream !== undefined && typeof entry.upstream !== 'string')
      throw new UsageError(`${where} (${entry.key}): 'upstream' must be a string`);
    if (keys.has(entry.key)) throw new UsageError(`${where}: '${entry.key}' is listed twice`);
    keys.add(entry.key);
  }
  return entries;
}

/** Marks each row listed or new, and finds the entries that match no row. */
function classify(rows, entries) {
  const matches = (entry, row) =>
    entry.key === row.key && (entry.upstream === undefined || entry.upstream === row.upstream);
  const classified = rows.map((row) => {
    const entry = entries.find((e) => matches(e, row));
    return { ...row, listed: Boolean(entry), ...(entry && { reason: entry.reason }) };
  });
  const stale = entries.filter((e) => !rows.some((row) => matches(e, row)));
  return { rows: classified, stale };
}

const cell = (text) => String(text).replaceAll('|', '\\|');

function render({ source, upstreamVersion, differencesFile, rows, stale }) {
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
    `${rows.length} ${rows.length === 1 ? 'difference' : 'differences'}: ${rows.length - fresh} listed, ${fresh} new; ${stale.length} stale entries.`,
  );
  return lines.join('\n');
}

async function main(argv) {
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
  const at = (file) => (isUrl(file) ? file : path.resolve(from, file));
  const digest = values.digest ? await readDigest(at(values.digest)) : undefined;
  const source = digest
    ? `${digest.source} at ${digest.commit ?? 'an unknown commit'} (pinned in ${path.relative(from, at(values.digest))})`
    : positionals[0];
  const differencesPath = at(values.differences);
  const differencesFile = path.relative(from, differencesPath) || differencesPath;
  const entries = await loadDifferences(differencesPath);
  const dir = await mkdtemp(path.join(tmpdir(), 'builds-upstream-'));
  let ours, theirs;
  try {
    [ours, theirs] = await Promise.all([
      bundle(at(values.spec), dir, 'ours'),
      digest ? digest.spec : bundle(at(source), dir, 'upstream'),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (values.pin) {
    const pinned = {
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `upstream: ${error instanceof UsageError || error?.code?.startsWith?.('ERR_PARSE_ARGS') ? error.message : error.stack}\n`,
      );
      process.exitCode = 2;
    },
  );
}
