// The command line's core: (argv, env, streams, signal) → exit code. The bin (src/cli.ts) only
// wires it to the process; tests call it with fake streams.
import { readFileSync } from 'node:fs';
import type { BuildsClientOptions } from '../index.js';
import { UsageError, closest, parse, stringFlag } from './args.js';
import { colourOn, painter, type Env } from './colour.js';
import { COMMANDS, GLOBAL_FLAGS, commandHelp, findCommand, mainHelp } from './commands.js';
import { exitCode } from './exit.js';
import { Io, debugOn, type Streams } from './io.js';

export type { Streams } from './io.js';

/** What tests may set besides the arguments: the client's options and the clock. */
export interface RunOptions {
  client?: Partial<BuildsClientOptions>;
  now?: () => number;
}

/** Runs the command line; resolves to the exit code. */
export async function main(
  argv: readonly string[],
  env: Env,
  streams: Streams,
  signal: AbortSignal,
  options: RunOptions = {},
): Promise<number> {
  let io: Io | undefined;
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      streams.stderr.write(mainHelp());
      return 2;
    }
    if (name === '-V' || name === '--version') {
      streams.stdout.write(`${version()}\n`);
      return 0;
    }
    if (name === '-h' || name === '--help') {
      streams.stdout.write(mainHelp());
      return 0;
    }
    if (name === 'help') {
      const topic = rest[0] === undefined ? undefined : findCommand(rest[0]);
      if (rest[0] !== undefined && !topic) throw new UsageError(unknownCommand(rest[0]));
      streams.stdout.write(topic ? commandHelp(topic) : mainHelp());
      return 0;
    }
    const command = findCommand(name);
    if (!command && name.startsWith('-'))
      throw new UsageError(
        `${name} is not a command: flags come after the command (apify-builds <command> [flags]; apify-builds --help lists the commands)`,
      );
    if (!command) throw new UsageError(unknownCommand(name));
    const parsed = parse(rest, { ...command.flags, ...GLOBAL_FLAGS });
    const { values } = parsed;
    if (values['help'] === true) {
      streams.stdout.write(commandHelp(command));
      return 0;
    }
    if (values['json'] === true && values['ndjson'] === true)
      throw new UsageError('--json and --ndjson conflict; give one');
    io = new Io(
      env,
      streams,
      signal,
      {
        json: values['json'] === true,
        ndjson: values['ndjson'] === true,
        quiet: values['quiet'] === true,
        noColor: values['no-color'] === true,
        baseUrl: stringFlag(values, 'base-url'),
      },
      options.now ?? Date.now,
    );
    const run =
      command.name === 'list'
        ? (await import('./list.js')).list
        : command.name === 'abort'
          ? (await import('./abort.js')).abort
          : (await import('./stats.js')).stats;
    return await run(io, parsed, options.client ?? {});
  } catch (error) {
    return report(error, streams, env, signal, io, argv.includes('--no-color'));
  }
}

function unknownCommand(name: string): string {
  const nearest = closest(
    name,
    COMMANDS.flatMap((c) => [c.name, ...c.aliases]),
  );
  return `unknown command ${JSON.stringify(name)}${nearest ? `; did you mean ${nearest}?` : ''} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`;
}

/** The version in package.json (two folders up from src/cli/ and from dist/cli/). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** One line on stderr for an error (and its stack with DEBUG); the exit code it means. */
function report(
  error: unknown,
  streams: Streams,
  env: Env,
  signal: AbortSignal,
  io: Io | undefined,
  noColor: boolean,
): number {
  io?.clearProgress();
  if (signal.aborted) return 130;
  const code = exitCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const paint = io?.paintErr ?? painter(colourOn(env, streams.stderr.isTTY, noColor));
  streams.stderr.write(`${paint('red', 'apify-builds:')} ${message}\n`);
  if (debugOn(env) && error instanceof Error && error.stack)
    streams.stderr.write(`${error.stack}\n`);
  return code;
}
