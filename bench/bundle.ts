// Minified browser bundles, gzipped: this package (openapi-fetch included) and apify-client.
import { gzippedBundle, readBudget } from '../scripts/bundle-size.js';
import { kib, ratio, type Row } from './lib.js';

export async function bundle(): Promise<Row[]> {
  const ours = await gzippedBundle(`export * from './dist/index.js';`);
  const openapiFetch = await gzippedBundle(`export { default } from 'openapi-fetch';`);
  // apify-client's `import` condition comes before `browser`, so bundlers need its browser entry.
  const apify = await gzippedBundle(`export { ApifyClient } from 'apify-client/browser';`);
  // The budget `npm run check` holds src/ to (package.json's sizeBudget).
  const budget = await readBudget();
  return [
    {
      measure: `Browser bundle, minified + gzip: apify-builds-client with openapi-fetch (${kib(ours.raw)} minified)`,
      result: `${kib(ours.gzip)} (${ours.gzip.toLocaleString('en-US')} B)`,
      ratio: '1.00x',
      goal: `<= ${budget.toLocaleString('en-US')} B`,
      met: ours.gzip <= budget,
    },
    {
      measure: `Browser bundle, minified + gzip: of which openapi-fetch 0.17.0 alone (${kib(openapiFetch.raw)} minified)`,
      result: kib(openapiFetch.gzip),
      ratio: ratio(openapiFetch.gzip / ours.gzip),
      goal: '',
      met: true,
    },
    {
      measure: `Browser bundle, minified + gzip: apify-client 2.25.0 (${kib(apify.raw)} minified)`,
      result: kib(apify.gzip),
      ratio: ratio(apify.gzip / ours.gzip),
      goal: 'larger than ours',
      met: apify.gzip > ours.gzip,
    },
  ];
}
