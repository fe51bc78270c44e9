// `npm run watch` as an editor user meets it: a real watch process on a copy of the project,
// driven through an atomic save (temp file renamed over the spec), in-place saves, a `touch`,
// and a broken save it must survive.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rename, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../helpers/project.js';

let dir: string;
let project: ProjectCopy | undefined;
let child: ChildProcess;
let output = '';

const specFile = () => path.join(dir, 'spec', 'openapi.yaml');
const schema = () => readFile(path.join(dir, 'generated', 'schema.d.ts'), 'utf8');
const lines = () => output.split('\n').filter((line) => line.includes('changed → '));

/**
 * Resolves once the watch's output satisfies `done`; rejects when the watch exits first. No
 * clock: the test's own bound applies.
 */
function printed(done: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      child.stdout!.off('data', look);
      child.stderr!.off('data', look);
      child.off('exit', exited);
    };
    const look = () => {
      if (!done()) return;
      stop();
      resolve();
    };
    const exited = (code: number | null) => {
      stop();
      reject(new Error(`the watch exited with ${String(code)}:\n${output}`));
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', exited);
    look();
  });
}

/** Waits until the watch has printed `count` result lines. */
async function resultLines(count: number): Promise<string[]> {
  await printed(() => lines().length >= count);
  return lines();
}

/** Replaces the description of the abort operation's summary, keeping the spec valid. */
async function summaryEdit(summary: string): Promise<string> {
  const spec = await readFile(specFile(), 'utf8');
  const next = spec.replace(/^( {6}summary: )Abort.*$/m, `$1${summary}`);
  expect(next, 'the spec has an abort summary to edit').not.toBe(spec);
  return next;
}

beforeAll(async () => {
  project = await copyProject('builds-watch-');
  dir = project.dir;
  child = spawn(process.execPath, project.args('generate', ['--watch']), {
    cwd: dir,
    env: project.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await printed(() => output.includes('watching'));
});

afterAll(async () => {
  child.kill('SIGTERM');
  await project?.remove();
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
});
