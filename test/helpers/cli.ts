// Runs the command line in this process, as the bin would, with streams that are or are not
// terminals, an environment of the test's own and the fake API's builds.
import { PassThrough } from 'node:stream';
import { main, type RunOptions } from '../../src/cli/main.js';
import type { BuildSeed } from '../../fake-api/server.js';

export const CLI_TOKEN = 'apify_api_cl1S3cretT0kenForTests';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions extends RunOptions {
  env?: Record<string, string | undefined>;
  /** stdin, stdout and stderr are terminals (or each as given). */
  tty?: boolean | { stdin?: boolean; stdout?: boolean; stderr?: boolean };
  /** Written to stdin, which then ends; without it stdin stays open and empty. */
  input?: string;
  signal?: AbortSignal;
  columns?: number;
  /** Called with the streams once the run started (to type at a prompt, say). */
  onStart?: (streams: { stdin: PassThrough; stdout: PassThrough; stderr: PassThrough }) => void;
}

/** A stream that collects what is written to it. */
function sink(isTTY: boolean, columns: number | undefined): PassThrough & { text(): string } {
  const stream = new PassThrough() as PassThrough & {
    text(): string;
    isTTY?: boolean;
    columns?: number;
  };
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  if (isTTY) stream.isTTY = true;
  if (columns !== undefined) stream.columns = columns;
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  return stream;
}

/** Runs `apify-builds ...argv` with a fresh environment (no HOME token) unless `env` says. */
export async function cli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const tty =
    typeof options.tty === 'object'
      ? options.tty
      : { stdin: options.tty, stdout: options.tty, stderr: options.tty };
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (tty.stdin) stdin.isTTY = true;
  const stdout = sink(tty.stdout === true, options.columns);
  const stderr = sink(tty.stderr === true, options.columns);
  if (options.input !== undefined) stdin.end(options.input);
  const env = { HOME: '/nonexistent-home', ...options.env };
  const running = main(
    argv,
    env,
    { stdin, stdout, stderr },
    options.signal ?? new AbortController().signal,
    {
      client: { minRetryDelayMs: 1, maxRetryDelayMs: 5, ...options.client },
      ...(options.now ? { now: options.now } : {}),
    },
  );
  options.onStart?.({ stdin, stdout, stderr });
  const code = await running;
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Builds that stay in their status (the fake's clock moves READY and RUNNING builds on). */
export function steady(seed: BuildSeed): BuildSeed {
  return { readyTicks: 1e9, runTicks: 1e9, ...seed };
}

/** `count` finished builds with, at the given positions (0 the oldest), other statuses. */
export function history(
  count: number,
  at: Record<number, BuildSeed['status']> = {},
  startMs = Date.UTC(2026, 10, 1),
): BuildSeed[] {
  return Array.from({ length: count }, (_, i) =>
    steady({
      id: `build${String(i).padStart(5, '0')}`,
      status: at[i] ?? 'SUCCEEDED',
      startedAt: new Date(startMs + i * 60_000).toISOString(),
    }),
  );
}

/** The records of NDJSON output, one per line. */
export const ndjsonRecords = (text: string): unknown[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
