// Tables for a terminal (a header row, aligned columns) and tab-separated lines for pipes.
import { plain } from './colour.js';

/** Aligned rows: each cell padded to its column's widest, two spaces between columns. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) =>
    Math.max(...all.map((row) => width(plain(row[column] ?? '')))),
  );
  return all
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1
            ? cell
            : cell + ' '.repeat(widths[column]! - width(plain(cell))),
        )
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** Columns a string takes in a terminal (code points; the API's values are narrow). */
function width(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** One tab-separated line: tabs and line breaks inside a value become spaces. */
export function tsvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => cell.replace(/[\t\r\n]/g, ' ')).join('\t')}\n`;
}
