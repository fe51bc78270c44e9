// `npm run upstream` against small fixture specs (test/fixtures/upstream/): each fixture differs
// from fixtures/upstream/ours.yaml in one known way, and the report must show exactly that.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { root } from '../../scripts/lib/paths.js';
import { runScript } from '../../scripts/lib/process.js';

const fixtures = path.join(root, 'test/fixtures/upstream');
const OURS = path.join(fixtures, 'ours.yaml');
const NO_DIFFERENCES = path.join(fixtures, 'no-differences.yaml');
const DELIBERATE = path.join(fixtures, 'deliberate-differences.yaml');
const LIST = 'GET /v2/actors/{actorId}/builds';
const ABORT = 'POST /v2/actors/{actorId}/builds/{buildId}/abort';

interface Row {
  key: string;
  ours: string;
  upstream: string;
  listed: boolean;
  reason?: string;
}
interface Report {
  source: string;
  upstreamVersion: string;
  rows: Row[];
  stale: { key: string; reason: string; upstream?: string }[];
}

const run = (args: string[]) => runScript('upstream', args);

/** Runs the report in JSON mode against our fixture spec. */
async function report(
  upstream: string,
  differences = NO_DIFFERENCES,
): Promise<{ code: number; report: Report }> {
  const { code, stdout, stderr } = await run([
    '--spec',
    OURS,
    '--differences',
    differences,
    '--json',
    upstream,
  ]);
  expect(stderr).toBe('');
  return { code, report: JSON.parse(stdout) as Report };
}

const fresh = (key: string, ours: string, upstream: string): Row => ({
  key,
  ours,
  upstream,
  listed: false,
});

describe('npm run upstream on fixture specs', () => {
  it('a spec that says the same thing another way has no differences (exit 0)', async () => {
    const { code, report: r } = await report(path.join(fixtures, 'identical/openapi.yaml'));
    expect(r.rows).toEqual([]);
    expect(r.stale).toEqual([]);
    expect(r.upstreamVersion).toBe('fixture-identical');
    expect(code).toBe(0);
  });

  it('an extra field is one row (exit 1)', async () => {
    const { code, report: r } = await report(path.join(fixtures, 'extra-field.yaml'));
    expect(r.rows).toEqual([fresh('schema BuildShort.userId', '—', 'string')]);
    expect(code).toBe(1);
  });

  it('a new enum value is one row (exit 1)', async () => {
    const { code, report: r } = await report(path.join(fixtures, 'new-enum-value.yaml'));
    expect(r.rows).toEqual([fresh('schema RunOrigin: enum', 'only ours: —', 'only upstream: MCP')]);
    expect(code).toBe(1);
  });

  it('a moved path and a renamed operationId are found and reported (exit 1)', async () => {
    const { code, report: r } = await report(path.join(fixtures, 'renamed.yaml'));
    // The abort operation sits under the legacy /v2/acts/ prefix there: the same route.
    expect(r.rows).toEqual([
      fresh(
        `operation ${LIST}: path`,
        '/v2/actors/{actorId}/builds',
        '/v2/actors/{actorId}/build-list',
      ),
      fresh(`operation ${ABORT}: operationId`, 'actors_build_abort_post', 'actorBuild_abort_post'),
    ]);
    expect(code).toBe(1);
  });

  it('a listed deliberate difference passes (exit 0); unlisted, the same rows fail', async () => {
    const upstream = path.join(fixtures, 'deliberate.yaml');
    const listed = await report(upstream, DELIBERATE);
    expect(listed.report.rows).toEqual([
      {
        ...fresh(`parameter ${LIST} query.limit: type`, 'integer', 'number (double)'),
        listed: true,
        reason: 'limit counts builds, so it is an integer.',
      },
      {
        ...fresh(`parameter ${LIST} query.limit: maximum`, '1000', '—'),
        listed: true,
        reason: 'A page holds at most 1000 builds.',
      },
    ]);
    expect(listed.report.stale).toEqual([]);
    expect(listed.code).toBe(0);

    const unlisted = await report(upstream);
    expect(unlisted.report.rows.map((row) => [row.key, row.listed])).toEqual([
      [`parameter ${LIST} query.limit: type`, false],
      [`parameter ${LIST} query.limit: maximum`, false],
    ]);
    expect(unlisted.code).toBe(1);
  });

  it('an entry whose pinned upstream value changed no longer matches: a new row and a stale entry', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upstream-test-'));
    try {
      const differences = path.join(dir, 'differences.yaml');
      const text = await readFile(DELIBERATE, 'utf8');
      await writeFile(differences, text.replace('number (double)', 'number (float)'));
      const { code, report: r } = await report(path.join(fixtures, 'deliberate.yaml'), differences);
      expect(r.rows.map((row) => [row.key, row.listed])).toEqual([
        [`parameter ${LIST} query.limit: type`, false],
        [`parameter ${LIST} query.limit: maximum`, true],
      ]);
      expect(r.stale).toEqual([
        {
          key: `parameter ${LIST} query.limit: type`,
          upstream: 'number (float)',
          reason: 'limit counts builds, so it is an integer.',
        },
      ]);
      expect(code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('entries that match no difference are stale and fail the run (exit 1)', async () => {
    const { code, stdout } = await run([
      '--spec',
      OURS,
      '--differences',
      DELIBERATE,
      path.join(fixtures, 'identical/openapi.yaml'),
    ]);
    expect(stdout.trim().split('\n').slice(-5)).toEqual([
      expect.stringMatching(/^Stale entries in .*deliberate-differences\.yaml/),
      `- parameter ${LIST} query.limit: type (upstream: number (double))`,
      `- parameter ${LIST} query.limit: maximum`,
      '',
      '0 differences: 0 listed, 0 new; 2 stale entries.',
    ]);
    expect(code).toBe(1);
  });

  it('prints a table a maintainer can read and paste', async () => {
    const { code, stdout } = await run([
      '--spec',
      OURS,
      '--differences',
      DELIBERATE,
      path.join(fixtures, 'deliberate.yaml'),
    ]);
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/deliberate\.yaml \(info\.version fixture-deliberate\)$/),
      '',
      '| status | difference | ours | upstream |',
      '| --- | --- | --- | --- |',
      `| listed | parameter ${LIST} query.limit: type | integer | number (double) |`,
      `| listed | parameter ${LIST} query.limit: maximum | 1000 | — |`,
      '',
      '2 differences: 2 listed, 0 new; 0 stale entries.',
    ]);
    expect(code).toBe(0);
  });

  it('our own spec against itself: the legacy aliases fold into the canonical routes', async () => {
    const spec = path.join(root, 'spec/openapi.yaml');
    const { code, stdout } = await run([
      '--spec',
      spec,
      '--differences',
      NO_DIFFERENCES,
      '--json',
      spec,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ rows: [], stale: [] });
    expect(code).toBe(0);
  });

  it('cannot run: no spec given, a file that does not exist, an entry without a reason (exit 2)', async () => {
    const usage = await run([]);
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toMatch(/^upstream: usage: npm run upstream -- /);

    const missing = await run(['--spec', OURS, path.join(fixtures, 'no-such-spec.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot bundle .*no-such-spec\.yaml/);
    expect(missing.stderr).not.toContain('Node.js 20 support');

    const dir = await mkdtemp(path.join(tmpdir(), 'upstream-test-'));
    try {
      const differences = path.join(dir, 'differences.yaml');
      await writeFile(differences, "differences:\n  - key: 'schema X: type'\n");
      const bad = await run(['--spec', OURS, '--differences', differences, OURS]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("differences[0] (schema X: type) needs a 'reason'");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('spec/upstream-differences.yaml', () => {
  it('lists each deliberate difference once, by a report key, with a reason', async () => {
    const text = await readFile(path.join(root, 'spec/upstream-differences.yaml'), 'utf8');
    const { differences } = parseYaml(text) as {
      differences: { key: string; reason: string; upstream?: string }[];
    };
    expect(differences.length).toBeGreaterThan(0);
    for (const entry of differences) {
      expect(entry.key).toMatch(/^(operation|parameter|response|schema) \S/);
      expect(entry.reason.trim().length, entry.key).toBeGreaterThan(20);
    }
    expect(new Set(differences.map((d) => d.key)).size).toBe(differences.length);
  });
});

describe('npm run upstream on a URL', () => {
  let server: http.Server;
  let base: string;
  const requested: string[] = [];
  beforeAll(async () => {
    // Serves the fixture folder, so the root file's relative $refs are fetched over HTTP too.
    server = http.createServer((request, response) => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      requested.push(pathname);
      readFile(path.join(fixtures, path.normalize(pathname))).then(
        (body) => response.end(body),
        () => {
          response.statusCode = 404;
          response.end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('bundles a remote root with remote $refs and reports the same rows as for the file', async () => {
    const { code, report: r } = await report(`${base}/extra-field.yaml`);
    expect(r.rows).toEqual([fresh('schema BuildShort.userId', '—', 'string')]);
    expect(r.source).toBe(`${base}/extra-field.yaml`);
    expect(code).toBe(1);
    expect(new Set(requested)).toEqual(
      new Set(['/extra-field.yaml', '/identical/schemas.yaml', '/identical/abort.yaml']),
    );
  });
});
