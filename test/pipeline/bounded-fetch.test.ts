// The fetch that bundles a remote spec (scripts/upstream/bounded-fetch.ts): bounded and retried.
import { describe, expect, it } from 'vitest';
import { boundedFetch } from '../../scripts/upstream/bounded-fetch.js';

/** The URL a fetch was called with. */
const urlOf = (input: Parameters<typeof fetch>[0]) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('boundedFetch', () => {
  it('keeps at most 8 requests in flight and answers every one', async () => {
    let active = 0;
    let most = 0;
    const fake = (async (input: Parameters<typeof fetch>[0]) => {
      active += 1;
      most = Math.max(most, active);
      await tick();
      active -= 1;
      return new Response(`body of ${urlOf(input)}`);
    }) as typeof fetch;
    const bounded = boundedFetch(fake);
    const urls = Array.from({ length: 400 }, (_, i) => `http://x/${i}.yaml`);
    const bodies = await Promise.all(urls.map(async (url) => (await bounded(url)).text()));
    expect(bodies).toEqual(urls.map((url) => `body of ${url}`));
    expect(most).toBe(8);
  });

  it('retries network errors, 429 and 5xx, then returns the answer', async () => {
    const answers: (Response | Error)[] = [
      new TypeError('fetch failed'),
      new Response('busy', { status: 503 }),
      new Response('slow down', { status: 429 }),
      new Response('ok'),
    ];
    const calls: string[] = [];
    const fake = ((input: Parameters<typeof fetch>[0]) => {
      calls.push(urlOf(input));
      const next = answers.shift()!;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    }) as typeof fetch;
    const response = await boundedFetch(fake, { delayMs: 1 })('http://x/a.yaml');
    expect(await response.text()).toBe('ok');
    expect(calls).toEqual(Array(4).fill('http://x/a.yaml'));
  });

  it('gives up after the retries: the last error, or the last error status', async () => {
    const failing = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    await expect(boundedFetch(failing, { retries: 2, delayMs: 1 })('http://x/')).rejects.toThrow(
      'fetch failed',
    );
    let calls = 0;
    const busy = (() => {
      calls += 1;
      return Promise.resolve(new Response('busy', { status: 502 }));
    }) as typeof fetch;
    const response = await boundedFetch(busy, { retries: 2, delayMs: 1 })('http://x/');
    expect(response.status).toBe(502);
    expect(calls).toBe(3);
  });

  it('does not retry other statuses', async () => {
    let calls = 0;
    const missing = (() => {
      calls += 1;
      return Promise.resolve(new Response('', { status: 404 }));
    }) as typeof fetch;
    expect((await boundedFetch(missing, { delayMs: 1 })('http://x/')).status).toBe(404);
    expect(calls).toBe(1);
  });
});
