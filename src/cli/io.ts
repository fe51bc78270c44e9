// What a command writes to and reads from: the streams, the colour of each, the progress line
// on a terminal's stderr, and the output formats of stdout.
import { colourOn, painter, type Env, type Paint } from './colour.js';

/** The streams a run reads and writes; `isTTY` and `columns` as Node's TTY streams have them. */
export interface Streams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined };
  stdout: NodeJS.WritableStream & { isTTY?: boolean | undefined; columns?: number | undefined };
  stderr: NodeJS.WritableStream & { isTTY?: boolean | undefined; columns?: number | undefined };
}

/** How stdout shows data: an aligned table (a terminal), tab-separated lines, JSON or NDJSON. */
export type Format = 'table' | 'tsv' | 'json' | 'ndjson';

/** The flags every command takes. */
export interface CommonFlags {
  json: boolean;
  ndjson: boolean;
  quiet: boolean;
  noColor: boolean;
  baseUrl: string | undefined;
}

/** Everything a command gets besides its own flags. */
export class Io {
  readonly format: Format;
  /** Colour of what goes to stdout (tables only) and to stderr. */
  readonly paintOut: Paint;
  readonly paintErr: Paint;
  readonly quiet: boolean;
  readonly debug: boolean;
  #progressShown = false;

  constructor(
    readonly env: Env,
    readonly streams: Streams,
    readonly signal: AbortSignal,
    readonly flags: CommonFlags,
    readonly now: () => number,
  ) {
    this.format = flags.ndjson
      ? 'ndjson'
      : flags.json
        ? 'json'
        : streams.stdout.isTTY
          ? 'table'
          : 'tsv';
    this.paintOut = painter(
      this.format === 'table' && colourOn(env, streams.stdout.isTTY, flags.noColor),
    );
    this.paintErr = painter(colourOn(env, streams.stderr.isTTY, flags.noColor));
    this.quiet = flags.quiet;
    this.debug = debugOn(env);
  }

  /** Columns of the terminal: COLUMNS, else the stream's, else 80. */
  columns(stream: Streams['stdout'] = this.streams.stdout): number {
    const fromEnv = Number(this.env['COLUMNS']);
    if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
    return stream.columns && stream.columns > 0 ? stream.columns : 80;
  }

  /** Writes data to stdout, waiting while the pipe is full. */
  async out(text: string): Promise<void> {
    if (text === '') return;
    this.clearProgress();
    await write(this.streams.stdout, text);
  }

  /** A line on stderr that is not data: a note (left out with --quiet). */
  note(line: string): void {
    if (!this.quiet) this.err(line);
  }

  /** A line on stderr, whatever --quiet says (errors, prompts' context, warnings). */
  err(line: string): void {
    this.clearProgress();
    this.streams.stderr.write(`${line}\n`);
  }

  /** A `DEBUG=apify-builds` line. */
  trace(line: string): void {
    if (this.debug) this.err(this.paintErr('dim', `debug: ${line}`));
  }

  /** Redraws the progress line in place, on a terminal's stderr only and never with --quiet. */
  progress(text: string): void {
    if (this.quiet || !this.streams.stderr.isTTY) return;
    this.streams.stderr.write(`\r\x1b[2K${this.paintErr('dim', text)}`);
    this.#progressShown = true;
  }

  /** Erases the progress line, if one is shown. */
  clearProgress(): void {
    if (!this.#progressShown) return;
    this.streams.stderr.write('\r\x1b[2K');
    this.#progressShown = false;
  }
}

/** Whether `DEBUG` names this tool (`DEBUG=apify-builds`, a list with it, or `*`). */
export function debugOn(env: Env): boolean {
  return (env['DEBUG'] ?? '')
    .split(/[\s,]+/)
    .some((name) => name === 'apify-builds' || name === '*');
}

/** Writes `text` and resolves when the stream can take more. */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve) => stream.once('drain', resolve));
}
