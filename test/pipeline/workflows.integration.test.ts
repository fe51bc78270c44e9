// The GitHub Actions workflows cannot run here: each is validated against the workflow schema by
// action-validator, and what it runs is compared with the README and with `npm run docs`.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from '../../scripts/lib/paths.js';
import { runNode } from '../../scripts/lib/process.js';

const workflowsDir = path.join(root, '.github', 'workflows');
const validator = path.join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
}
interface Job {
  'runs-on': string;
  if?: string;
  env?: Record<string, string>;
  needs?: string | string[];
  strategy?: { matrix?: { node?: number[] } };
  environment?: { name: string; url?: string };
  steps: Step[];
}
interface Workflow {
  on: Record<
    string,
    { branches?: string[]; tags?: string[]; workflows?: string[]; types?: string[] } | null
  > & { schedule?: { cron: string }[] };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** Runs action-validator on a file: its exit code and output. */
const validate = (file: string) => runNode([validator, file]);

const read = async (name: string) =>
  parse(await readFile(path.join(workflowsDir, name), 'utf8')) as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = (workflow: Workflow) => steps(workflow).flatMap((step) => step.run ?? []);
const uses = (workflow: Workflow) => steps(workflow).flatMap((step) => step.uses ?? []);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'workflows-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('action-validator', () => {
  it('accepts every workflow', async () => {
    const files = (await readdir(workflowsDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
    expect(files).toEqual(['ci.yml', 'pages.yml', 'release.yml', 'upstream.yml']);
    for (const file of files) {
      const { code, output } = await validate(path.join(workflowsDir, file));
      expect({ file, code, output }).toEqual({ file, code: 0, output: '' });
    }
  });

  it('rejects a workflow with a misspelled key, so the check above can fail', async () => {
    const text = await readFile(path.join(workflowsDir, 'ci.yml'), 'utf8');
    const broken = path.join(scratch, 'ci.yml');
    await writeFile(broken, text.replace('runs-on:', 'run-on:'));
    const { code, output } = await validate(broken);
    expect(code).toBe(1);
    expect(output).toContain("Additional property 'run-on' is not allowed");
  });
});

describe('ci.yml', () => {
  it("runs the README's two commands on Node.js 20, 22 and 24, for pushes and pull requests", async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const commands = /```sh\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split('\n') ?? [];
    expect(commands).toEqual(['npm ci && npm run all', 'npm test']);
    const ci = await read('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const [job, ...others] = Object.values(ci.jobs);
    expect(others).toEqual([]);
    expect(job?.strategy?.matrix?.node).toEqual([20, 22, 24]);
    const setup = job?.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['node-version']).toBe('${{ matrix.node }}');
    // Chromium comes from the runner image: no apt install on GitHub (there it is a snap stub).
    expect(job?.env?.['CHROME_PATH']).toBe('/usr/bin/chromium');
    const order = runs(ci);
    expect(order.some((run) => run.includes('apt-get'))).toBe(false);
    // The ecosystem tests' runtimes (runtimes/) are installed apart, before `npm test`.
    expect(order).toEqual([
      '$CHROME_PATH --version',
      commands[0],
      'npm run --silent size -- --markdown >> "$GITHUB_STEP_SUMMARY"',
      'npm run ecosystem:install',
      commands[1],
    ]);
    // npm's cache is keyed on both lockfiles, so a change to either refreshes it.
    expect(setup?.with?.['cache']).toBe('npm');
    expect(String(setup?.with?.['cache-dependency-path']).trim().split('\n')).toEqual([
      'package-lock.json',
      'runtimes/package-lock.json',
    ]);
  });

  it("tests the Node.js lines the README's Runtimes table names for CI", async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const runtimes = readme.slice(readme.indexOf('\n## Runtimes\n'));
    const tested = /^\| Node\.js[^|]*\|([^|]*)\|/m.exec(runtimes)?.[1]?.trim() ?? '';
    const named = /CI: (.*)$/
      .exec(tested)?.[1]
      ?.split(/, | and /)
      .map(Number);
    const [job] = Object.values((await read('ci.yml')).jobs);
    expect(named, tested).toEqual(job?.strategy?.matrix?.node);
  });

  it('.ci/run (a Debian machine) installs Chromium only when there is none, and the runtimes', async () => {
    const script = await readFile(path.join(root, '.ci', 'run'), 'utf8');
    expect(script).toContain('if ! command -v chromium >/dev/null 2>&1; then');
    const commands = script
      .split('\n')
      .filter((line) => /^npm /.test(line))
      .map((line) => line.trim());
    expect(commands).toEqual(['npm ci && npm run all', 'npm run ecosystem:install', 'npm test']);
    expect(script).toMatch(/npm test\n$/);
  });
});

describe('pages.yml', () => {
  it('deploys dist/docs to GitHub Pages only after CI passed for a push to main', async () => {
    const pages = await read('pages.yml');
    expect(Object.keys(pages.on).sort()).toEqual(['workflow_dispatch', 'workflow_run']);
    expect(pages.on.workflow_run).toEqual({
      workflows: ['CI'],
      types: ['completed'],
      branches: ['main'],
    });
    const ci = await readFile(path.join(workflowsDir, 'ci.yml'), 'utf8');
    expect(ci).toMatch(/^name: CI$/m);
    expect(pages.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(runs(pages)).toEqual(['npm ci && npm run docs']);
    const actions = uses(pages).map((action) => action.split('@')[0]);
    for (const action of [
      'actions/checkout',
      'actions/configure-pages',
      'actions/upload-pages-artifact',
      'actions/deploy-pages',
    ])
      expect(actions).toContain(action);
    const upload = steps(pages).find((step) =>
      step.uses?.startsWith('actions/upload-pages-artifact@'),
    );
    expect(upload?.with?.['path']).toBe('dist/docs');
    expect(pages.jobs['build']?.if).toContain("github.event.workflow_run.conclusion == 'success'");
    const checkout = steps(pages).find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['ref']).toBe('${{ github.event.workflow_run.head_sha || github.sha }}');
    const deploy = Object.values(pages.jobs).find((job) =>
      job.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')),
    );
    expect(deploy?.environment?.name).toBe('github-pages');
    expect(deploy?.needs).toBe('build');
  });
});

describe('release.yml', () => {
  it('publishes a version tag with provenance after the full checks', async () => {
    const release = await read('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const order = runs(release);
    expect(order.slice(1)).toEqual([
      'npm ci && npm run all',
      'npm test',
      'npm publish --provenance --access public',
    ]);
    const publish = steps(release).find((step) => step.run?.startsWith('npm publish'));
    expect(publish?.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    const setup = steps(release).find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
    // The token is only in the publish step's environment, never on a command line.
    expect(order.join('\n')).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
  });
});

describe('upstream.yml', () => {
  it('runs the drift report weekly and by hand, with the report in the job summary', async () => {
    const upstream = await read('upstream.yml');
    expect(Object.keys(upstream.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(upstream.on.schedule).toHaveLength(1);
    expect(upstream.on.schedule?.[0]?.cron.split(' ')).toHaveLength(5);
    const job = Object.values(upstream.jobs)[0]!;
    expect(job.env?.['UPSTREAM']).toBe(
      'https://raw.githubusercontent.com/apify/apify-docs/HEAD/apify-api/openapi/openapi.yaml',
    );
    const script = runs(upstream).find((run) => run.includes('npm run --silent upstream'));
    expect(script).toContain('"$UPSTREAM"');
    expect(script).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(script).toMatch(/exit \$code\s*$/);
  });
});
