// `npm run watch` as an editor user meets it: a real watch process on a copy of the project,
// driven through an atomic save (temp file renamed over the spec), in-place saves, a `touch`,
// and a broken save it must survive.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rename, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyProject } from './helpers/project.js';

let dir: string;
let remove: () => Promise<void>;
let child: ChildProcess;
let output = '';

const specFile = () => path.join(dir, 'spec', 'openapi.yaml');
const schema = () => readFile(path.join(dir, 'generated', 'schema.d.ts'), 'utf8');
const lines = () => output.split('\n').filter((line) => line.includes('changed → '));

/** Waits until the watch has printed `count` result lines (bounded: 40 s). */
async function resultLines(count: number): Promise<string[]> {
  for (let waited = 0; waited < 40_000; waited += 100) {
    if (lines().length >= count) return lines();
    await sleep(100);
  }
  throw new Error(`expected ${count} result lines from the watch, got:\n${output}`);
}

/** Replaces the description of the abort operation's summary, keeping the spec valid. */
async function summaryEdit(summary: string): Promise<string> {
  const spec = await readFile(specFile(), 'utf8');
  const next = spec.replace(/^( {6}summary: )Abort.*$/m, `$1${summary}`);
  expect(next, 'the spec has an abort summary to edit').not.toBe(spec);
  return next;
}

beforeAll(async () => {
  ({ dir, remove } = await copyProject('builds-watch-'));
  child = spawn(process.execPath, [path.join(dir, 'scripts', 'generate.mjs'), '--watch'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  for (let waited = 0; !output.includes('watching'); waited += 100) {
    if (waited > 40_000) throw new Error(`the watch did not start:\n${output}`);
    await sleep(100);
  }
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await remove?.();
});

it('sees an atomic save, then in-place saves, a touch, and survives a broken save', async () => {
  // 1. Atomic save, as vim and JetBrains do: write a temp file, rename it over the spec.
  const temp = path.join(dir, 'spec', '.openapi.yaml.swp');
  await writeFile(temp, await summaryEdit('Abort a build (atomic)'));
  await rename(temp, specFile());
  expect((await resultLines(1))[0], output).toMatch(
    /^spec\/openapi\.yaml changed → wrote generated\/schema\.d\.ts \(\d+ ms\)$/,
  );
  expect(await schema()).toContain('Abort a build (atomic)');

  // 2. In-place save after the rename: the case node:fs watch misses.
  await writeFile(specFile(), await summaryEdit('Abort a build (in place)'));
  expect((await resultLines(2))[1], output).toMatch(/changed → wrote generated\/schema\.d\.ts/);
  expect(await schema()).toContain('Abort a build (in place)');

  // 3. A touch changes nothing but is seen and reported.
  const now = new Date();
  await utimes(specFile(), now, new Date(now.getTime() + 5_000));
  expect((await resultLines(3))[2], output).toMatch(
    /changed → generated\/schema\.d\.ts is up to date/,
  );

  // 4. A YAML syntax error is reported with line and column; generated/ stays as it was.
  const before = await schema();
  await writeFile(
    specFile(),
    (await readFile(specFile(), 'utf8')).replace('openapi: ', 'openapi: [\n'),
  );
  expect((await resultLines(4))[3], output).toMatch(/changed → spec\/ has lint problems/);
  expect(output).toMatch(/spec\/openapi\.yaml:\d+:\d+: YAML syntax error: /);
  expect(await schema()).toBe(before);

  // 5. Still watching: the next good save is generated.
  const good = (await summaryEdit('Abort a build (again)')).replace('openapi: [\n', 'openapi: ');
  await writeFile(specFile(), good);
  expect((await resultLines(5))[4], output).toMatch(/changed → wrote generated\/schema\.d\.ts/);
  expect(await schema()).toContain('Abort a build (again)');
  expect(lines()).toHaveLength(5);
}, 120_000);
