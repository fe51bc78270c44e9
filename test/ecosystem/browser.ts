// The scenario in a web page: the page calls `runScenario(config)` and gets the report.
import * as api from 'apify-builds-client';
import { runScenario, type ScenarioConfig } from './scenario.js';

(globalThis as { runScenario?: unknown }).runScenario = (config: ScenarioConfig) =>
  runScenario(api, config);
