// Writing records to stdout in the run's format: a table (collected, then aligned), TSV lines,
// one JSON array (written as it grows) or NDJSON lines.
import { statusStyle } from './colour.js';
import type { Io } from './io.js';
import { renderTable, tsvLine } from './table.js';
import { formatDuration } from './time.js';

/** How a kind of record is shown: its TSV cells, its table header and cells, its JSON. */
export interface Shape<T> {
  header: readonly string[];
  tsv(record: T): string[];
  table(record: T, io: Io): string[];
  json(record: T): unknown;
}

/** Records written one batch at a time; end() finishes the document (or prints the table). */
export class RecordWriter<T> {
  #rows: string[][] = [];
  #written = 0;

  constructor(
    private readonly io: Io,
    private readonly shape: Shape<T>,
  ) {}

  /** Writes (or, for a table, keeps) a batch. */
  async write(records: readonly T[]): Promise<void> {
    const { io, shape } = this;
    if (records.length === 0) return;
    switch (io.format) {
      case 'table':
        for (const record of records) this.#rows.push(shape.table(record, io));
        return;
      case 'tsv':
        await io.out(records.map((r) => tsvLine(shape.tsv(r))).join(''));
        break;
      case 'ndjson':
        await io.out(records.map((r) => `${JSON.stringify(shape.json(r))}\n`).join(''));
        break;
      case 'json': {
        const items = records.map((r) =>
          JSON.stringify(shape.json(r), null, 2).replace(/\n/g, '\n  '),
        );
        await io.out(`${this.#written === 0 ? '[\n  ' : ',\n  '}${items.join(',\n  ')}`);
        break;
      }
    }
    this.#written += records.length;
  }

  /** How many records were written so far. */
  get count(): number {
    return this.#written + this.#rows.length;
  }

  /** Ends the output: the JSON array's close (`[]` when empty), or the table. */
  async end(): Promise<void> {
    const { io, shape } = this;
    if (io.format === 'json') await io.out(this.#written === 0 ? '[]\n' : '\n]\n');
    if (io.format === 'table' && this.#rows.length > 0) {
      const header = shape.header.map((h) => io.paintOut('bold', h));
      await io.out(renderTable(header, this.#rows));
    }
  }
}

/** The fields of a build the command line shows (a listed build or an aborted one). */
export interface BuildFields {
  id: string;
  buildNumber?: string | undefined;
  status: string;
  startedAt: string;
  finishedAt?: string | null | undefined;
}

/** Builds as list shows them: id, buildNumber, status, startedAt, finishedAt (+ duration). */
export const BUILD_SHAPE: Shape<BuildFields> = {
  header: ['id', 'buildNumber', 'status', 'startedAt', 'finishedAt', 'duration'],
  tsv: (b) => [b.id, b.buildNumber ?? '', b.status, b.startedAt, b.finishedAt ?? ''],
  table: (b, io) => [
    b.id,
    b.buildNumber ?? '',
    io.paintOut(statusStyle(b.status), b.status),
    b.startedAt,
    b.finishedAt ?? '',
    duration(b, io.now()),
  ],
  json: (b) => b,
};

/** finishedAt − startedAt, or to now while unfinished. */
function duration(build: BuildFields, now: number): string {
  const started = Date.parse(build.startedAt);
  if (!Number.isFinite(started)) return '';
  const end = build.finishedAt ? Date.parse(build.finishedAt) : now;
  return Number.isFinite(end) ? formatDuration(end - started) : '';
}
