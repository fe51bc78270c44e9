// Colour: on for a stream that is a TTY or when FORCE_COLOR is set (but not to 0); off with
// --no-color, a non-empty NO_COLOR or TERM=dumb, whatever else is set.

export type Env = Readonly<Record<string, string | undefined>>;

/** Whether text written to a stream with this `isTTY` is coloured. */
export function colourOn(env: Env, isTTY: boolean | undefined, noColorFlag: boolean): boolean {
  if (noColorFlag || (env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0';
  return isTTY === true;
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof CODES;

/** Paints text with a style, or hands it back unchanged when colour is off. */
export type Paint = (style: Style, text: string) => string;

export function painter(on: boolean): Paint {
  if (!on) return (_style, text) => text;
  return (style, text) => `\x1b[${CODES[style][0]}m${text}\x1b[${CODES[style][1]}m`;
}

/** The colour a status is shown in: green done, red failed, yellow aborted, cyan under way. */
export function statusStyle(status: string): Style {
  if (status === 'SUCCEEDED') return 'green';
  if (status === 'FAILED' || status === 'TIMED-OUT' || status === 'TIMING-OUT') return 'red';
  if (status === 'ABORTED' || status === 'ABORTING') return 'yellow';
  return 'cyan';
}

/** Text without the escape sequences painter() adds (for widths). */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- the escape sequences are what this removes
  return text.replace(/\x1b\[\d+m/g, '');
}
