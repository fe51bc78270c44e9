// The option tables of src/options.ts are the one place where an option's name, kind, range and
// default are written: the README's tables and the TSDoc of src/public.ts must say the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ABORT_OPTIONS,
  CLIENT_OPTIONS,
  LIST_OPTIONS,
  WALK_OPTIONS,
  readOptions,
  type Option,
} from '../../src/options.js';

const read = (file: string): string =>
  readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const README = read('README.md');
const PUBLIC = read('src/public.ts');

/** Each table, with the line that introduces it in the README and its interface in public.ts. */
const TABLES: [intro: string, name: string, table: Record<string, Option>][] = [
  ['`createBuildsClient(options)`', 'BuildsClientOptions', CLIENT_OPTIONS],
  ['`listBuilds(actorId, options)`', 'ListBuildsOptions', LIST_OPTIONS],
  ['`iterateBuilds(actorId, options)`', 'IterateBuildsOptions', WALK_OPTIONS],
  ['`abortBuild(buildId, options)`', 'AbortBuildOptions', ABORT_OPTIONS],
];

/** 30000 as `30 000`, 1000 as `1000`. */
const number = (value: number): string =>
  value >= 10_000 ? value.toLocaleString('en-US').replaceAll(',', ' ') : String(value);

/** The values an option takes, as the docs say it. */
function values({ kind, range }: Option): string {
  if (!range) return kind === 'signal' ? 'AbortSignal' : kind;
  const [min, max] = range;
  return max === Number.MAX_SAFE_INTEGER
    ? `integer >= ${number(min)}`
    : `integer ${number(min)}..${number(max)}`;
}

/** How the docs name a default that its value does not say (a function, a flag, no limit). */
const SHOWN: Record<string, string> = {
  token: '`process.env.APIFY_TOKEN`',
  baseUrl: '`process.env.APIFY_API_BASE_URL`, else `https://api.apify.com`',
  fetch: 'the global `fetch`',
  desc: 'oldest first',
  maxItems: 'all',
};

/** The default of option `name`, as the docs say it; undefined when there is none. */
function shownDefault(name: string, option: Option): string | undefined {
  if (SHOWN[name] !== undefined) return SHOWN[name];
  const value = option.default;
  if (typeof value === 'number') return number(value);
  return typeof value === 'string' ? `\`${value}\`` : undefined;
}

/** The rows of the README table that follows `intro`, as cells. */
function readmeRows(intro: string): string[][] {
  const lines = README.split('\n');
  const start = lines.findIndex((line) => line.startsWith(intro));
  expect(start, `README has no line starting with ${intro}`).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(2);
}

/** The TSDoc of each member of `interface name` in public.ts, by member name. */
function tsdocOf(name: string): Map<string, string> {
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(PUBLIC)?.[1];
  expect(body, `public.ts has no interface ${name}`).toBeDefined();
  const members = new Map<string, string>();
  for (const [, doc, member] of body!.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\?:/g)) {
    members.set(member!, doc!.replace(/\s*\n\s*\*\s?/g, ' ').trim());
  }
  return members;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(TABLES)('the options of %s', (intro, name, table) => {
  it('are the rows of its README table: name, values and default, each with what it does', () => {
    const expected = Object.entries(table).map(([key, option]) => [
      `\`${key}\``,
      values(option),
      shownDefault(key, option) ?? '—',
    ]);
    const rows = readmeRows(intro);
    expect(rows.map((row) => row.slice(0, 3))).toEqual(expected);
    for (const row of rows) expect(row[3], row[0]).toMatch(/\w/);
  });

  it(`are the members of ${name}, whose TSDoc states each range and default`, () => {
    const docs = tsdocOf(name);
    expect([...docs.keys()]).toEqual(Object.keys(table));
    for (const [key, option] of Object.entries(table)) {
      const doc = docs.get(key)!;
      if (option.range) expect(doc, key).toContain(values(option));
      const shown = shownDefault(key, option);
      if (shown !== undefined)
        expect(doc, key).toMatch(new RegExp(`default:? ${escape(shown)}`, 'i'));
    }
  });
});

describe('readOptions', () => {
  it("fills in the client's defaults, and leaves the API's to the API", () => {
    expect(readOptions(undefined, WALK_OPTIONS)).toEqual({
      offset: 0,
      pageSize: 1000,
      desc: false,
      maxItems: Number.MAX_SAFE_INTEGER,
    });
    expect(readOptions({ limit: 5 }, LIST_OPTIONS)).toEqual({ limit: 5 });
    expect(readOptions({ fetch: globalThis.fetch }, CLIENT_OPTIONS)).toMatchObject({
      baseUrl: 'https://api.apify.com',
      timeoutMs: 30_000,
      maxRetries: 4,
      minRetryDelayMs: 500,
      maxRetryDelayMs: 30_000,
    });
  });

  it('reads each option once: the value checked is the value used', () => {
    let reads = 0;
    const options = {
      get maxRetries() {
        reads += 1;
        return reads === 1 ? 2 : 500;
      },
    };
    expect(readOptions(options, CLIENT_OPTIONS).maxRetries).toBe(2);
    expect(reads).toBe(1);
  });
});
