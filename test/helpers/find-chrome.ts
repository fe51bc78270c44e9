// Finds the Chromium that drives the docs test: CHROME_PATH when set, else the first of
// `chromium`, `chromium-browser`, `google-chrome` on PATH. Nothing downloads a browser.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The path of a Chromium executable. Throws one line saying how to get one when there is none,
 * or when CHROME_PATH names something that is not an executable file.
 */
export function findChrome(env: NodeJS.ProcessEnv = process.env): string {
  if (env['CHROME_PATH']) {
    if (isExecutable(env['CHROME_PATH'])) return env['CHROME_PATH'];
    throw new Error(`CHROME_PATH is ${env['CHROME_PATH']}, which is not an executable file`);
  }
  const dirs = (env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  for (const name of BROWSER_NAMES)
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  throw new Error(
    `no Chromium found (CHROME_PATH is not set and none of ${BROWSER_NAMES.join(', ')} is on PATH): ` +
      'install one with `apt-get install -y chromium` or set CHROME_PATH to a Chromium or Chrome executable',
  );
}

/** Offline-safe flags: without the background-networking ones Chromium dials Google's hosts. */
const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

/**
 * Headless Chromium as every browser test starts it. It shares the CPU with the rest of the
 * suite: the start-up bound only catches a hang.
 */
export function launchChrome(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS, timeout: 120_000 });
}
