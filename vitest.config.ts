import { defineConfig } from 'vitest/config';

// The tests choose their servers themselves: a base URL exported for `npm run mock` must not
// redirect the clients they create without one (the test processes inherit this environment).
delete process.env['APIFY_API_BASE_URL'];

/**
 * Tests that start processes, a browser or a copy of the project end in `.integration.test.ts`.
 * Everything else under test/ is a unit test: pure functions and the client against servers on
 * 127.0.0.1, in this process.
 */
const INTEGRATION = ['test/**/*.integration.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: INTEGRATION,
          // Worker threads start faster than processes, and nothing here needs its own process.
          pool: 'threads',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          // dist/ is built once, before any integration test runs.
          globalSetup: ['test/helpers/global-build.ts'],
          // Child processes and Chromium share the CPU with everything else on the machine:
          // a test ends when its work does, the bound below only catches a hang.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'types',
          include: [],
          // Type-level tests (*.test-d.ts) are checked by the compiler as part of `npm test`.
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
    ],
  },
});
