// The scenario as a program, for Node.js (bundled as ESM and as CommonJS, so the package is
// loaded by `import` and by `require()`), Bun and Deno: the config as JSON in the first
// argument, the report as JSON on stdout.
import * as api from 'apify-builds-client';
import { runScenario, type ScenarioConfig } from './scenario.js';

const config = JSON.parse(process.argv[2] ?? '{}') as ScenarioConfig;
runScenario(api, config).then(
  (report) => console.log(JSON.stringify(report)),
  (error: unknown) => {
    console.error('scenario failed:', error);
    process.exitCode = 1;
  },
);
