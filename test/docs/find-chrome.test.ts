// Which browser the docs test drives, and the one line it says when there is none.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../helpers/find-chrome.js';

let dir: string;

/** Creates `name` in a folder of its own under `dir`, executable unless told otherwise. */
async function fakeBrowser(folder: string, name: string, executable = true): Promise<string> {
  const file = path.join(dir, folder, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '#!/bin/sh\n');
  await chmod(file, executable ? 0o755 : 0o644);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'find-chrome-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findChrome', () => {
  it('takes CHROME_PATH first, whatever is on PATH', async () => {
    const chosen = await fakeBrowser('custom', 'my-chrome');
    const onPath = await fakeBrowser('bin1', 'chromium');
    expect(findChrome({ CHROME_PATH: chosen, PATH: path.dirname(onPath) })).toBe(chosen);
  });

  it('rejects a CHROME_PATH that is missing or not executable, in one line', async () => {
    const plain = await fakeBrowser('plain', 'chrome', false);
    for (const CHROME_PATH of [path.join(dir, 'nowhere', 'chrome'), plain]) {
      const error = (() => {
        try {
          findChrome({ CHROME_PATH, PATH: '' });
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('findChrome accepted a bad CHROME_PATH');
      })();
      expect(error.message).toBe(`CHROME_PATH is ${CHROME_PATH}, which is not an executable file`);
    }
  });

  it('prefers chromium, then chromium-browser, then google-chrome on PATH', async () => {
    const chrome = await fakeBrowser('bin2', 'google-chrome');
    const browser = await fakeBrowser('bin3', 'chromium-browser');
    const chromium = await fakeBrowser('bin4', 'chromium');
    const PATH = [chrome, browser, chromium].map((f) => path.dirname(f)).join(path.delimiter);
    expect(findChrome({ PATH })).toBe(chromium);
    expect(
      findChrome({ PATH: [chrome, browser].map((f) => path.dirname(f)).join(path.delimiter) }),
    ).toBe(browser);
    expect(findChrome({ PATH: path.dirname(chrome) })).toBe(chrome);
  });

  it('skips a non-executable file of the right name', async () => {
    const plain = await fakeBrowser('bin5', 'chromium', false);
    const real = await fakeBrowser('bin6', 'chromium');
    expect(
      findChrome({ PATH: [plain, real].map((f) => path.dirname(f)).join(path.delimiter) }),
    ).toBe(real);
  });

  it('with none on PATH says, in one line, how to install one or set CHROME_PATH', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    for (const env of [{ PATH: empty }, {}]) {
      let message = '';
      try {
        findChrome(env);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toContain('\n');
      expect(message).toContain('apt-get install -y chromium');
      expect(message).toContain('CHROME_PATH');
    }
  });
});
