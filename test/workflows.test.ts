// The GitHub Actions workflows cannot run here: each is validated against the workflow schema by
// action-validator, and what it runs is compared with the README and with `npm run docs`.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from '../scripts/lib/paths.js';
import { runNode } from '../scripts/lib/process.js';

const workflowsDir = path.join(root, '.github', 'workflows');
const validator = path.join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  id?: string;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  strategy?: { matrix?: { node?: number[] } };
  environment?: { name: string; url?: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, { branches?: string[] } | null>;
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
    expect(files).toEqual(['ci.yml', 'pages.yml']);
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
  it("runs the README's two commands on Node.js 20 and 22, for pushes and pull requests", async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const commands = /```sh\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split('\n') ?? [];
    expect(commands).toEqual(['npm ci && npm run all', 'npm test']);
    const ci = await read('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const [job, ...others] = Object.values(ci.jobs);
    expect(others).toEqual([]);
    expect(job?.strategy?.matrix?.node).toEqual([20, 22]);
    const setup = job?.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['node-version']).toBe('${{ matrix.node }}');
    // Chromium for the docs test comes from Debian, before the tests run.
    const order = runs(ci);
    const chromium = order.findIndex((run) => run.includes('apt-get install -y chromium'));
    expect(chromium).toBeGreaterThanOrEqual(0);
    expect(order.slice(chromium + 1)).toEqual(commands);
  });
});

describe('pages.yml', () => {
  it('builds the site with npm run docs and deploys dist/docs to GitHub Pages from main', async () => {
    const pages = await read('pages.yml');
    expect(pages.on.push?.branches).toEqual(['main']);
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
    const deploy = Object.values(pages.jobs).find((job) =>
      job.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')),
    );
    expect(deploy?.environment?.name).toBe('github-pages');
    expect(deploy?.needs).toBe('build');
  });
});
