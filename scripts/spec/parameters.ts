// Every parameter of spec/openapi.yaml followed through (part `parameters` of `npm run check`):
// - the client offers it, as an option in the table of src/options.ts of each method that calls
//   the operation (a path parameter as the method's argument), with the spec's range and default,
//   or spec/not-exposed.yaml says why not;
// - the fake API implements it or says it does not (SUPPORT in fake-api/parameters.ts).
// Each finding names the operation, the parameter and the next step, once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import {
  SUPPORT,
  specOperations,
  type SpecOperation,
  type Support,
} from '../../fake-api/parameters.js';
import { ABORT_OPTIONS, LIST_OPTIONS, WALK_OPTIONS, type Option } from '../../src/options.js';
import { asDocument } from '../lib/openapi.js';
import { root, specPath } from '../lib/paths.js';

export const notExposedPath = path.join(root, 'spec', 'not-exposed.yaml');

/** A method of the client that calls an operation, and what it offers of its parameters. */
export interface Caller {
  method: string;
  /** The path parameters it takes as arguments. */
  arguments: readonly string[];
  /** The name of its option table in src/options.ts, and the table. */
  table: string;
  options: Readonly<Record<string, unknown>>;
  /** Query parameters it offers under another name. */
  renamed?: Readonly<Record<string, string>>;
}

const LIST = { method: 'listBuilds', arguments: ['actorId'], table: 'LIST_OPTIONS' } as const;
const WALK = {
  method: 'iterateBuilds and iterateBuildPages',
  arguments: ['actorId'],
  table: 'WALK_OPTIONS',
  renamed: { limit: 'pageSize' }, // the walk asks for pages of pageSize builds
} as const;
const ABORT = { method: 'abortBuild', table: 'ABORT_OPTIONS', options: ABORT_OPTIONS } as const;

/** The operations the client's methods call (src/builds.ts), by operationId. */
export const CALLERS: Readonly<Record<string, readonly Caller[]>> = {
  actors_builds_get: [
    { ...LIST, options: LIST_OPTIONS },
    { ...WALK, options: WALK_OPTIONS },
  ],
  actorBuild_abort_post: [{ ...ABORT, arguments: ['buildId'] }],
  actors_build_abort_post: [
    { ...ABORT, method: 'abortBuild (two ids)', arguments: ['actorId', 'buildId'] },
  ],
};

/** One entry of spec/not-exposed.yaml. */
export interface NotExposed {
  operation?: string;
  parameter?: string;
  reason: string;
}

/** The entries of spec/not-exposed.yaml, checked for shape. */
export async function readNotExposed(file = notExposedPath): Promise<NotExposed[]> {
  const where = path.relative(root, file);
  const data = parse(await readFile(file, 'utf8')) as { notExposed?: unknown } | null;
  const entries = data?.notExposed;
  if (!Array.isArray(entries)) throw new Error(`${where}: expected a 'notExposed' list`);
  return (entries as unknown[]).map((raw, i) => {
    const entry = (raw ?? {}) as Partial<Record<keyof NotExposed, unknown>>;
    const at = `${where}: notExposed[${String(i)}]`;
    const { operation, parameter, reason } = entry;
    if (operation !== undefined && (typeof operation !== 'string' || !operation))
      throw new Error(`${at}: 'operation' must be an operationId`);
    if (parameter !== undefined && (typeof parameter !== 'string' || !/^\w+\.\S+$/.test(parameter)))
      throw new Error(`${at}: 'parameter' must be 'in.name', e.g. 'query.token'`);
    if (operation === undefined && parameter === undefined)
      throw new Error(`${at} needs an 'operation', a 'parameter' or both`);
    if (typeof reason !== 'string' || !reason.trim()) throw new Error(`${at} needs a 'reason'`);
    return {
      ...(operation !== undefined && { operation }),
      ...(parameter !== undefined && { parameter }),
      reason,
    };
  });
}

/** The operations of spec/openapi.yaml (parameters resolved, query API keys included). */
export async function readSpecOperations(file = specPath): Promise<SpecOperation[]> {
  return specOperations(asDocument(parse(await readFile(file, 'utf8'))));
}

const label = (key: string) => {
  const [where = '', ...name] = key.split('.');
  return `${where} parameter '${name.join('.')}'`;
};
const named = (op: SpecOperation) => `${op.id} (${op.method} ${op.path})`;

/** Where `caller` would offer the parameter `key`; undefined when it does. */
function missing(key: string, caller: Caller): string | undefined {
  const [where, ...rest] = key.split('.');
  const name = rest.join('.');
  if (where === 'path')
    return caller.arguments.includes(name) ? undefined : `an argument of ${caller.method}`;
  const option = caller.renamed?.[name] ?? name;
  return option in caller.options ? undefined : `'${option}' in ${caller.table}`;
}

/** One parameter the methods that call `op` do not all offer, with the next step. */
function parameterProblem(op: SpecOperation, key: string, callers: readonly Caller[]) {
  const lacking = callers.flatMap((caller) => missing(key, caller) ?? []);
  if (lacking.length === 0) return undefined;
  const methods = callers.filter((caller) => missing(key, caller)).map((c) => c.method);
  const step = key.startsWith('path.')
    ? `take it as ${lacking.join(' and as ')} (src/builds.ts, src/public.ts)`
    : `add ${lacking.join(' and ')} in src/options.ts (the type in src/public.ts, a row in ` +
      `the README's options table)`;
  return (
    `${named(op)}: ${label(key)} is not offered by ${methods.join(' nor by ')}: ${step}, or ` +
    `list '${key}' in spec/not-exposed.yaml with the reason it is not exposed.`
  );
}

/**
 * An integer option whose range or default is not the spec's (`minimum`, `maximum`, `default`):
 * the spec holds the API's limits, src/options.ts their one copy on the client's side.
 */
function boundsProblem(op: SpecOperation, key: string, callers: readonly Caller[]) {
  const schema = op.parameters.get(key) as {
    minimum?: number;
    maximum?: number;
    default?: unknown;
  };
  const name = key.split('.').slice(1).join('.');
  for (const caller of callers) {
    const option = caller.renamed?.[name] ?? name;
    const { range, default: given } = (caller.options[option] ?? {}) as Partial<Option>;
    if (!range) continue;
    const spec = [schema.minimum ?? range[0], schema.maximum ?? range[1], schema.default ?? given];
    const ours = [range[0], range[1], given];
    if (spec.every((value, i) => value === ours[i])) continue;
    const show = ([min, max, fallback]: unknown[]) =>
      `${String(min)}..${String(max)}, default ${String(fallback)}`;
    return (
      `${named(op)}: ${label(key)} allows ${show(spec)} in the spec, but '${option}' in ` +
      `${caller.table} allows ${show(ours)}: make its range and default in src/options.ts the ` +
      `spec's (the largest page is MAX_LIMIT in src/pagination/types.ts).`
    );
  }
  return undefined;
}

/**
 * What keeps a parameter of the spec from being followed through to the client: one message per
 * operation and parameter, naming both, the methods that lack it and the next step.
 */
export function clientFindings(
  operations: readonly SpecOperation[],
  notExposed: readonly NotExposed[],
  callers: Readonly<Record<string, readonly Caller[]>> = CALLERS,
): string[] {
  const found: string[] = [];
  const used = new Set<NotExposed>();
  const excluded = (op: SpecOperation, key?: string) => {
    const entry = notExposed.find((e) => (e.operation ?? op.id) === op.id && e.parameter === key);
    if (entry) used.add(entry);
    return entry !== undefined;
  };
  for (const op of operations) {
    const calling = callers[op.id] ?? [];
    if (calling.length === 0) {
      if (!excluded(op))
        found.push(
          `${named(op)}: no method of the client calls it: add one (src/builds.ts, its options ` +
            `in src/options.ts) and list it in CALLERS of scripts/spec/parameters.ts, or list ` +
            `the operation in spec/not-exposed.yaml with the reason it is not exposed.`,
        );
      continue;
    }
    for (const key of op.parameters.keys()) {
      // Only a parameter the client lacks uses an entry: one for an offered parameter is stale.
      const problem = parameterProblem(op, key, calling);
      const bounds = problem ? undefined : boundsProblem(op, key, calling);
      if (problem && !excluded(op, key)) found.push(problem);
      if (bounds) found.push(bounds);
    }
  }
  const ids = new Set(operations.map((op) => op.id));
  for (const id of Object.keys(callers))
    if (!ids.has(id))
      found.push(
        `scripts/spec/parameters.ts: CALLERS names ${id}, which spec/openapi.yaml does not have: ` +
          `remove it or give it the operation's new operationId.`,
      );
  for (const entry of notExposed.filter((e) => !used.has(e))) {
    const what = [entry.operation, entry.parameter].filter(Boolean).join(' ');
    found.push(
      `spec/not-exposed.yaml: the entry '${what}' matches no parameter the client could offer ` +
        `(spec/openapi.yaml lacks it, or the client offers it now): remove the entry.`,
    );
  }
  return found;
}

/** What keeps the fake API from following the spec: a parameter SUPPORT does not list. */
export function fakeFindings(
  operations: readonly SpecOperation[],
  support: Readonly<Record<string, Support>> = SUPPORT,
): string[] {
  const users = new Map<string, string[]>();
  for (const op of operations)
    for (const key of op.parameters.keys()) users.set(key, [...(users.get(key) ?? []), op.id]);
  const found: string[] = [];
  for (const [key, ids] of users)
    if (!(key in support))
      found.push(
        `fake-api/: ${label(key)} (${ids.join(', ')}) is neither implemented nor listed as ` +
          `unsupported: implement it in fake-api/ and add '${key}': 'implemented' to SUPPORT ` +
          `in fake-api/parameters.ts, or add '${key}': { unsupported: '<reason>' } there.`,
      );
  for (const key of Object.keys(support))
    if (!users.has(key))
      found.push(
        `fake-api/parameters.ts: SUPPORT lists '${key}', which no operation of ` +
          `spec/openapi.yaml has: remove it.`,
      );
  return found;
}

/** Both, the client's first: a parameter reaches the client, then the fake. */
export async function parameterFindings(): Promise<string[]> {
  const [operations, notExposed] = await Promise.all([readSpecOperations(), readNotExposed()]);
  return [...clientFindings(operations, notExposed), ...fakeFindings(operations)];
}
