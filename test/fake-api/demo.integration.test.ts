// `npm run demo` end to end: the built package against the fake API, offline, without a token.
import { expect, it } from 'vitest';
import { runScript } from '../../scripts/lib/process.js';

it('walks 2,500 builds in three pages, aborts a running build and leaves a finished one unchanged', async () => {
  // A token in the environment must not reach the fake server or the output.
  const { code, output } = await runScript('demo', [], {
    env: { ...process.env, APIFY_TOKEN: 'env-token-must-not-leak' },
  });
  expect(output).not.toContain('env-token-must-not-leak');
  expect(code, output).toBe(0);
  expect(output).toMatch(/^page 1: builds 1-1000 of 2500 /m);
  // After the first page, each request begins with the last build handed out: 999 new ones.
  expect(output).toMatch(/^page 2: builds 1001-1999 of 2500 /m);
  expect(output).toMatch(/^page 3: builds 2000-2500 of 2500 /m);
  expect(output).not.toMatch(/^page 4:/m);
  expect(output).toContain('walked 2500 builds in 3 pages');
  expect(output).toMatch(/^abort \w{17}: RUNNING -> ABORTING$/m);
  expect(output).toMatch(
    /^abort \w{17}: (SUCCEEDED|FAILED|ABORTED|TIMED-OUT) -> \1 \(unchanged\)$/m,
  );
  expect(output).toContain('list nobody~nothing: 404 record-not-found');
  const aborted = /^abort (\w{17}): RUNNING -> ABORTING$/m.exec(output)![1]!;
  expect(output).toMatch(new RegExp(`^${aborted}\\s+ABORTED\\s`, 'm'));
});
