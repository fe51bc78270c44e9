// The command-line entry points of the tools the scripts run in child processes.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** `<package>/<file>`, found through the package's package.json (some export no bin path). */
const fileOf = (name: string, file: string) =>
  path.join(path.dirname(require.resolve(`${name}/package.json`)), file);

export const tscPath = fileOf('typescript', 'bin/tsc');
export const prettierPath = fileOf('prettier', 'bin/prettier.cjs');
export const eslintPath = fileOf('eslint', 'bin/eslint.js');
export const redoclyPath = fileOf('@redocly/cli', 'bin/cli.js');
export const tsxLoaderPath = fileOf('tsx', 'dist/loader.mjs');
