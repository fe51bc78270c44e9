// @ts-check
// ESLint with type information over every source file: typescript-eslint's strict, type-checked
// rules. Formatting is Prettier's job (`npm run check` runs both).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'generated/', 'node_modules/', '.cache/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Numbers read the same in every template; objects, undefined and null are still reported.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(x) => use(x)` as a callback is the house style; a void value used elsewhere is reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // With noUncheckedIndexedAccess, `list[i]!` inside a checked range is the plain way to say it.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `_name` marks a binding kept on purpose; `{ drop, ...rest }` leaves out `drop`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The command line is a user of the package: it imports the library only through its public
    // entry point, as a user's script would.
    files: ['src/cli.ts', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!index\\.js$)',
              message:
                'The command line uses only what src/index.ts exports: import from ../index.js.',
            },
          ],
        },
      ],
    },
  },
  {
    // The two-id abortBuild is deprecated but still served: its tests and its code sample use it
    // on purpose (the facade that implements it says so where it does).
    files: ['test/**', 'spec/samples/abort-build-of-actor.ts'],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
  {
    // Asymmetric matchers (`expect.any(String)`, `expect.toSatisfy(…)`) are typed `any`.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
