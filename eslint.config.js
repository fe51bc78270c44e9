// @ts-check
// ESLint with type information over every source file: typescript-eslint's strict, type-checked
// rules. Formatting is Prettier's job (`npm run check` runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
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
    },
  },
  {
    // The two-id abortBuild is the only abort until its successor route lands; tests also
    // exercise the deprecated form on purpose.
    files: [
      'test/**',
      'src/builds.ts',
      'scripts/demo.ts',
      'examples/abort-running.ts',
      'spec/samples/abort-build.ts',
    ],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
  {
    // Tests index into results they have just asserted the shape of; a wrong `!` fails the test.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
