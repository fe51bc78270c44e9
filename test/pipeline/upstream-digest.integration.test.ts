// Slow: runs scripts/upstream.ts (Redocly in child processes). spec/upstream-digest.json pins
// the facts of the official spec; our spec must differ from it only as
// spec/upstream-differences.yaml says, so a spec change without its entry fails `npm run check`
// (part `upstream`) and the second test here. The third holds the comparison to the rows a change
// adds, whatever the committed spec's state, so one problem fails one test.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runScript } from '../../scripts/lib/process.js';
import { root } from '../helpers/project.js';

const DIGEST = path.join(root, 'spec', 'upstream-digest.json');
const SPEC = path.join(root, 'spec', 'openapi.yaml');
const fixtures = path.join(root, 'test', 'fixtures', 'upstream');
const TIMEOUT = 120_000;
let scratch: string;

interface Report {
  source: string;
  rows: { key: string; ours: string; upstream: string; listed: boolean }[];
  stale: unknown[];
}

/** What `npm run upstream -- --pin` writes. */
interface Digest {
  source: string;
  commit: string | null;
  upstreamVersion: string | null;
  spec: { info: { version?: string }; paths: Record<string, unknown> };
}

const readDigest = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Digest;

const upstream = (...args: string[]) => runScript('upstream', args, { timeout: TIMEOUT });

/** Every key of a JSON value, at any depth. */
const keysOf = (value: unknown): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, child]) => [key, ...keysOf(child)])
    : [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'upstream-digest-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('spec/upstream-digest.json', () => {
  it('records its source, commit and upstream version, and facts only', async () => {
    const digest = await readDigest(DIGEST);
    expect(digest.source).toMatch(/apify\/apify-docs\/.*apify-api\/openapi\/openapi\.yaml$/);
    expect(digest.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(digest.upstreamVersion).toBe(digest.spec.info.version);
    const keys = new Set(keysOf(digest.spec));
    for (const prose of ['description', 'summary', 'example', 'examples', 'title', 'tags'])
      expect(keys.has(prose), prose).toBe(false);
    expect(Object.keys(digest.spec.paths).length).toBeGreaterThanOrEqual(2);
  });

  it(
    'our spec differs from it only as spec/upstream-differences.yaml lists',
    async () => {
      const { code, stdout, stderr } = await upstream('--digest', DIGEST);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/\d+ differences: \d+ listed, 0 new; 0 stale entries\.\n$/);
      expect(code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'fails when the spec changes without a differences entry',
    async () => {
      const text = await readFile(SPEC, 'utf8');
      // A status the official spec does not have.
      expect(text.match(/^ {8}- ABORTED\n/gm)).toHaveLength(1);
      const changed = path.join(scratch, 'openapi.yaml');
      await writeFile(
        changed,
        text.replace(/^ {8}- ABORTED\n/m, '        - ABORTED\n        - PAUSED\n'),
      );
      // Every row of the committed spec listed, so only the change's own rows are new.
      const before = JSON.parse((await upstream('--digest', DIGEST, '--json')).stdout) as Report;
      const baseline = path.join(scratch, 'baseline-differences.yaml');
      const entries = before.rows.map(({ key, upstream }) => ({ key, upstream, reason: 'as is' }));
      await writeFile(baseline, stringify({ differences: entries }));
      const { code, stdout } = await upstream(
        ...['--spec', changed, '--digest', DIGEST, '--differences', baseline, '--json'],
      );
      const report = JSON.parse(stdout) as Report;
      expect(report.rows.filter((row) => !row.listed)).toEqual([
        {
          key: 'schema ActorJobStatus: enum',
          ours: 'only ours: PAUSED',
          upstream: 'only upstream: —',
          listed: false,
        },
      ]);
      expect(report.stale).toEqual([]);
      expect(code).toBe(1);
    },
    TIMEOUT,
  );
});

describe('npm run upstream -- --pin', () => {
  it(
    'writes a digest that reports the same rows as the spec it was made from',
    async () => {
      const out = path.join(scratch, 'digest.json');
      const source = path.join(fixtures, 'extra-field.yaml');
      const common = ['--spec', path.join(fixtures, 'ours.yaml')];
      const common2 = [...common, '--differences', path.join(fixtures, 'no-differences.yaml')];
      const direct = await upstream(...common2, '--json', '--pin', '--out', out, source);
      expect(direct.stderr).toBe(`upstream: pinned ${path.relative(root, out)}\n`);
      const pinned = await upstream(...common2, '--json', '--digest', out);
      expect((JSON.parse(pinned.stdout) as Report).rows).toEqual(
        (JSON.parse(direct.stdout) as Report).rows,
      );
      expect((JSON.parse(pinned.stdout) as Report).rows.map((row) => row.key)).toEqual([
        'schema BuildShort.userId',
      ]);
      expect([direct.code, pinned.code]).toEqual([1, 1]);
      const digest = await readDigest(out);
      expect(digest).toMatchObject({ source, upstreamVersion: 'fixture-extra-field' });
      // The fixture lies in this repository's work tree: its commit is recorded.
      expect(digest.commit).toMatch(/^[0-9a-f]{40}( \(with local changes\))?$/);
    },
    TIMEOUT,
  );
});
