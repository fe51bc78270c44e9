// The command-line entry points of the tools the scripts and tests run in child processes.
import path from 'node:path';
import { root } from './paths.js';

/** `<package>/<file>` in the project's node_modules (some packages export no bin path). */
const fileOf = (name: string, file: string) => path.join(root, 'node_modules', name, file);

export const tscPath = fileOf('typescript', 'bin/tsc');
export const prettierPath = fileOf('prettier', 'bin/prettier.cjs');
export const eslintPath = fileOf('eslint', 'bin/eslint.js');
export const redoclyPath = fileOf('@redocly/cli', 'bin/cli.js');
export const tsxLoaderPath = fileOf('tsx', 'dist/loader.mjs');
export const publintPath = fileOf('publint', 'src/cli.js');
export const attwPath = fileOf('@arethetypeswrong/cli', 'dist/index.js');
