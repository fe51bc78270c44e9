// `npm run docs`: render spec/openapi.yaml (through the `builds` API in redocly.yaml) into one
// self-contained page, dist/docs/index.html, with Redoc inlined so it works offline from file://.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const docsPath = path.join(root, 'dist', 'docs', 'index.html');
const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

// Redoc's sidebar footer always shows an "API docs by" logo fetched from Redocly's CDN; offline
// that is a failed request and a console error. The page carries a local wordmark instead.
const wordmark = (text, width) =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044D4">${text}</text></svg>`,
  ).toString('base64')}`;
const LOCAL_LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': wordmark('Redocly', 52),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': wordmark('R', 10),
};

/** Builds the page; resolves to its size in bytes, rejects with Redocly's output on failure. */
export async function buildDocs(output = docsPath) {
  await mkdir(path.dirname(output), { recursive: true });
  const args = [cli, 'build-docs', 'builds', '--inlineBundle', '--lint-config=error', '-o', output];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  await new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Drop the boxed Node.js support banner that Redocly prints on every run.
        const text = `${stdout}\n${stderr}`
          .split('\n')
          .filter((line) => !/[║╔╚]/.test(line) && line.trim() !== '')
          .join('\n');
        if (error) reject(new Error(`redocly build-docs failed:\n${text}`));
        else resolve(text);
      },
    );
  });
  let html = await readFile(output, 'utf8');
  for (const [remote, local] of Object.entries(LOCAL_LOGOS)) {
    if (!html.includes(remote))
      throw new Error(`the Redoc bundle no longer references ${remote}; revisit LOCAL_LOGOS`);
    html = html.replaceAll(remote, local);
  }
  await writeFile(output, html);
  // Without --inlineBundle Redoc would be a <script src> on a CDN and the page blank offline.
  if (/<script[^>]+\bsrc=/i.test(html)) throw new Error(`${output} loads an external script`);
  return Buffer.byteLength(html);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const size = await buildDocs();
    console.log(`docs: wrote ${path.relative(root, docsPath)} (${Math.round(size / 1024)} KiB)`);
  } catch (error) {
    console.error(`docs: ${error.message}`);
    process.exitCode = 1;
  }
}
