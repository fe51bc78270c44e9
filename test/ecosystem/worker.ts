// The scenario as a Cloudflare Worker module: a POST with the config as JSON runs it and
// answers with the report.
import * as api from 'apify-builds-client';
import { runScenario, type ScenarioConfig } from './scenario.js';

export default {
  async fetch(request: Request): Promise<Response> {
    try {
      const report = await runScenario(api, (await request.json()) as ScenarioConfig);
      return new Response(JSON.stringify(report), {
        headers: { 'content-type': 'application/json' },
      });
    } catch (error) {
      const text =
        error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
      return new Response(`scenario failed: ${text}`, { status: 500 });
    }
  },
};
