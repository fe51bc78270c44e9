// The commands, their flags and their help: what `--help` prints and what the parser accepts.
// Nothing here loads the client, so `--help` and `--version` start fast.
import type { Flags } from './args.js';

export interface Command {
  name: 'list' | 'abort' | 'stats';
  aliases: string[];
  /** One line for the command list. */
  summary: string;
  usage: string[];
  /** What the command does, a few lines. */
  description: string[];
  flags: Flags;
  examples: string[];
}

export const GLOBAL_FLAGS: Flags = {
  json: { type: 'boolean', help: 'Print one JSON document' },
  ndjson: { type: 'boolean', help: 'Print one JSON object per line, as each is known' },
  quiet: { type: 'boolean', short: 'q', help: 'No progress, plan table or notes on stderr' },
  'no-color': { type: 'boolean', help: 'No colour (also NO_COLOR=1 or TERM=dumb)' },
  'base-url': {
    type: 'string',
    value: 'URL',
    help: 'API base URL',
    default: '$APIFY_API_BASE_URL, else https://api.apify.com',
  },
  help: { type: 'boolean', short: 'h', help: 'Show help for the command' },
};

const SINCE_HELP =
  'Only builds started at or after WHEN: an ISO 8601 date or date-time (UTC unless it has a zone), or a duration back from now (90s, 30m, 12h, 7d, 2w)';

export const COMMANDS: readonly Command[] = [
  {
    name: 'list',
    aliases: ['ls'],
    summary: "List an Actor's builds, newest first",
    usage: ['apify-builds list <actorId> [flags]'],
    description: [
      "Lists an Actor's builds, newest first. The Actor is its ID or `username~actor-name`.",
      'A status filter is applied while walking the list, so --limit counts matching builds.',
    ],
    flags: {
      limit: {
        type: 'string',
        short: 'L',
        value: 'N',
        help: 'At most N builds (20 unless --all or --since is given)',
        default: '20',
      },
      all: { type: 'boolean', help: 'Every build (as many requests as needed)' },
      'oldest-first': { type: 'boolean', help: 'Oldest first, the API’s own order' },
      status: {
        type: 'string',
        value: 'LIST',
        help: 'Comma-separated statuses (READY, RUNNING, SUCCEEDED, FAILED, TIMING-OUT, TIMED-OUT, ABORTING, ABORTED), or unfinished, or finished',
      },
      since: { type: 'string', value: 'WHEN', help: SINCE_HELP },
      'page-size': {
        type: 'string',
        value: 'N',
        help: 'Builds per request, 1 to 1000',
        default: '1000',
      },
    },
    examples: [
      'apify-builds list janedoe~my-actor',
      'apify-builds ls janedoe~my-actor --status unfinished --all',
      'apify-builds ls janedoe~my-actor --since 7d --status failed,timed-out --json',
      'apify-builds ls janedoe~my-actor --status running | cut -f1 | xargs apify-builds abort',
    ],
  },
  {
    name: 'abort',
    aliases: ['cancel'],
    summary: 'Abort builds by id, or every unfinished build of an Actor',
    usage: [
      'apify-builds abort <buildId>... [flags]',
      'apify-builds abort --actor <actorId> [flags]',
    ],
    description: [
      'Aborts the given builds (no confirmation), or with --actor every READY or RUNNING build of',
      'the Actor: the whole list is walked first, the plan is shown on stderr, and on a terminal',
      'you are asked to confirm; elsewhere --yes is required. One failure does not stop the others.',
      'Each target ends aborted, already-finished (a success) or failed.',
    ],
    flags: {
      actor: { type: 'string', value: 'ACTOR', help: 'Abort the unfinished builds of this Actor' },
      status: {
        type: 'string',
        value: 'STATUS',
        help: 'With --actor: only READY or only RUNNING builds',
        default: 'READY,RUNNING',
      },
      since: { type: 'string', value: 'WHEN', help: `With --actor: ${SINCE_HELP}` },
      yes: { type: 'boolean', short: 'y', help: 'Do not ask for confirmation' },
      'dry-run': {
        type: 'boolean',
        help: 'With --actor: print the targets (as list does) and abort nothing',
      },
      concurrency: {
        type: 'string',
        value: 'N',
        help: 'Aborts in flight at once, 1 to 16',
        default: '4',
      },
      wait: { type: 'boolean', help: 'Then wait until every aborted build has finished' },
      'poll-interval': {
        type: 'string',
        value: 'DURATION',
        help: 'With --wait: time between checks, at least 1s',
        default: '2s',
      },
      timeout: {
        type: 'string',
        value: 'DURATION',
        help: 'With --wait: give up after this long (exit 6)',
        default: '5m',
      },
    },
    examples: [
      'apify-builds abort HG7ML7M8z78YcAPEB',
      'apify-builds abort --actor janedoe~my-actor --dry-run',
      'apify-builds abort --actor janedoe~my-actor --status running --yes --wait',
      'apify-builds cancel --actor janedoe~my-actor --since 1h --yes --ndjson',
    ],
  },
  {
    name: 'stats',
    aliases: [],
    summary: "Summarise an Actor's builds: outcomes, durations, cost, builds per day",
    usage: ['apify-builds stats <actorId> [flags]'],
    description: [
      'Counts by status, success rate (SUCCEEDED out of the finished builds), the median, p90 and',
      'longest duration of finished builds, total cost, and builds per UTC day. On a terminal: the',
      'figures and a chart; otherwise (or with --json) one JSON object.',
    ],
    flags: {
      since: { type: 'string', value: 'WHEN', help: SINCE_HELP, default: '30d' },
      all: { type: 'boolean', help: 'Every build, however old' },
    },
    examples: [
      'apify-builds stats janedoe~my-actor',
      'apify-builds stats janedoe~my-actor --since 7d --json | jq .successRate',
      'apify-builds stats janedoe~my-actor --all',
    ],
  },
];

/** The exit codes, as every help page lists them. */
export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'success (an empty result too)'],
  [1, 'the API or the network failed, an Actor not found, or an abort failed'],
  [2, 'usage: an unknown command or flag, a bad value, conflicting flags, no --yes off a terminal'],
  [3, 'the confirmation was declined'],
  [4, 'no API token, or the API answered 401 or 403'],
  [6, '--wait gave up (--timeout) before every build finished'],
  [130, 'interrupted (Ctrl+C)'],
];

const TOKEN_HELP = [
  'The API token comes from APIFY_TOKEN, else from the Apify CLI login',
  '($HOME/.apify/auth.json, written by `apify login`). It is never a flag and never printed.',
];

/** The command `name` or one of its aliases names. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases.includes(name));
}

/** The help page of the whole tool. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => [c.name, ...c.aliases].join(', ').length));
  return [
    'Lists, aborts in bulk, waits for and summarises the builds of Apify Actors.',
    '',
    'Usage',
    '  apify-builds <command> [flags]',
    '',
    'Commands',
    ...COMMANDS.map((c) => `  ${[c.name, ...c.aliases].join(', ').padEnd(width)}  ${c.summary}`),
    '',
    'Flags',
    '  -h, --help     Show help (apify-builds <command> --help for a command)',
    '  -V, --version  Show the version',
    '',
    ...footer([
      'apify-builds list janedoe~my-actor --limit 5',
      'apify-builds abort --actor janedoe~my-actor --yes --wait',
      'apify-builds stats janedoe~my-actor --since 7d',
    ]),
  ].join('\n');
}

/** The help page of one command. */
export function commandHelp(command: Command): string {
  const flags = { ...command.flags, ...GLOBAL_FLAGS };
  const names = Object.entries(flags).map(([name, flag]) => {
    const long = `--${name}${flag.value ? ` ${flag.value}` : ''}`;
    return flag.short ? `-${flag.short}, ${long}` : `    ${long}`;
  });
  const width = Math.max(...names.map((n) => n.length));
  return [
    command.summary + '.',
    '',
    'Usage',
    ...command.usage.map((u) => `  ${u}`),
    ...(command.aliases.length ? ['', `Aliases: ${command.aliases.join(', ')}`] : []),
    '',
    ...command.description,
    '',
    'Flags',
    ...Object.values(flags).map((flag, i) => {
      const text = flag.default ? `${flag.help} (default ${flag.default})` : flag.help;
      return `  ${names[i]!.padEnd(width)}  ${text}`;
    }),
    '',
    ...footer(command.examples),
  ].join('\n');
}

/** What every help page ends with: examples, where the token comes from, the exit codes. */
function footer(examples: readonly string[]): string[] {
  return [
    'Examples',
    ...examples.map((e) => `  ${e}`),
    '',
    'Token',
    ...TOKEN_HELP.map((line) => `  ${line}`),
    '',
    exitCodes(),
  ];
}

function exitCodes(): string {
  return [
    'Exit codes',
    ...EXIT_CODES.map(([code, what]) => `  ${String(code).padEnd(3)}  ${what}`),
    '',
  ].join('\n');
}
