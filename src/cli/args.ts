// Command-line parsing: node:util parseArgs reads the tokens, this module checks them, so that
// every mistake is a UsageError that names the flag, what it accepts and the nearest valid flag.
import { parseArgs } from 'node:util';

/** A mistake in the command line: exit code 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One flag: its long name (the key), an optional one-letter alias, and whether it takes a value. */
export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help, e.g. `N`. */
  value?: string;
  /** One line for the help. */
  help: string;
  /** Shown as "(default …)" in the help. */
  default?: string;
  /** A string flag that may be given more than once. */
  multiple?: boolean;
}

export type Flags = Record<string, Flag>;

/** What parse() returns: the flags given (strings or true) and the positionals. */
export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** The value of a string flag, when it was given. */
export function stringFlag(values: Parsed['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads `argv` against `flags`; unknown flags, missing values and values given to switches throw. */
export function parse(argv: readonly string[], flags: Flags): Parsed {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
  > = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = {
      type: flag.type,
      ...(flag.short === undefined ? {} : { short: flag.short }),
      ...(flag.multiple ? { multiple: true } : {}),
    };
  }
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Parsed['values'] = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const flag = flags[token.name];
    if (flag === undefined) throw new UsageError(unknownFlag(token.rawName, flags));
    if (flag.type === 'boolean') {
      if (token.value !== undefined)
        throw new UsageError(`${token.rawName.replace(/=.*/, '')} takes no value`);
      values[token.name] = true;
      continue;
    }
    // `--limit --all` takes `--all` as the value; a flag there means the value was forgotten.
    if (token.value === undefined || (!token.inlineValue && isFlag(token.value, flags))) {
      const what = flag.value ? ` (${flag.value})` : '';
      throw new UsageError(`${shown(token.name, flag)} needs a value${what}`);
    }
    if (flag.multiple) {
      const list = values[token.name];
      values[token.name] = [...(Array.isArray(list) ? list : []), token.value];
    } else {
      values[token.name] = token.value;
    }
  }
  return { values, positionals };
}

/** Whether `arg` names one of `flags` (`--all`, `-y`, `--limit=5`). */
function isFlag(arg: string, flags: Flags): boolean {
  const long = /^--([^=]+)/.exec(arg);
  if (long) return flags[long[1]!] !== undefined;
  const short = /^-([A-Za-z])/.exec(arg);
  return short !== null && Object.values(flags).some((f) => f.short === short[1]);
}

/** `--name` (with its short form when it has one), as the help shows it. */
function shown(name: string, flag: Flag): string {
  return flag.short ? `-${flag.short}, --${name}` : `--${name}`;
}

/** "unknown flag --lmit; did you mean --limit?" */
function unknownFlag(raw: string, flags: Flags): string {
  const bare = raw.replace(/=.*/, '');
  const name = bare.replace(/^-+/, '');
  const candidates = Object.keys(flags).map((f) => `--${f}`);
  for (const flag of Object.values(flags)) if (flag.short) candidates.push(`-${flag.short}`);
  const nearest = closest(
    bare.startsWith('--') ? bare : name.length > 1 ? `--${name}` : bare,
    candidates,
  );
  return `unknown flag ${bare}${nearest ? `; did you mean ${nearest}?` : ''}`;
}

/** The candidate nearest to `word` by edit distance, when it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const bare = word.replace(/^-+/, '');
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(bare.length / 3))
    ? best
    : undefined;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A positive integer in `min..max`, e.g. for `--limit`. */
export function integerFlag(name: string, value: string, min: number, max?: number): number {
  const range = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be ${range}, got ${quote(value)}`);
  const number = Number(value);
  if (number < min || (max !== undefined && number > max))
    throw new UsageError(`--${name} must be ${range}, got ${value}`);
  return number;
}

/** A value for a message: quoted, control characters escaped, long ones cut. */
export function quote(value: string): string {
  const text = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return `'${text.slice(1, -1)}'`;
}
