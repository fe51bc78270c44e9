// What the fake API accepts in a request's query, read from spec/openapi.yaml when the first
// server starts: each operation's query parameters, and the query API key of the spec's security
// schemes (`token`). A name the operation does not have, a repeated one, or a value its schema
// does not allow is a 400 invalid-input naming the parameter, as Prism answers with `--errors`.
// SUPPORT says, for every parameter of the spec, whether the fake implements it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  asDocument,
  operationsOf,
  parametersOf,
  resolveRef,
  type OpenApiDocument,
  type SchemaObject,
} from '../scripts/lib/openapi.js';
import { FakeApiError, invalid } from './errors.js';

/** Whether the fake implements a parameter, or why it accepts it and does nothing with it. */
export type Support = 'implemented' | { unsupported: string };

/**
 * Every parameter of the spec by `in.name`, one entry for all the operations that have it.
 * `npm run check` fails while the spec has a parameter that is missing here.
 */
export const SUPPORT: Readonly<Record<string, Support>> = {
  'path.actorId': 'implemented', // routes.ts: the Actor's ID or its username~name
  'path.buildId': 'implemented',
  'query.offset': 'implemented', // routes.ts pageOf
  'query.limit': 'implemented',
  'query.desc': 'implemented',
  'query.token': 'implemented', // server.ts authorize: the live API takes the token here too
};

/** One operation of the spec as the fake matches and checks a request. */
export interface SpecOperation {
  id: string;
  /** Upper case, as in a request. */
  method: string;
  path: string;
  /** Matches the operation's path (a trailing slash allowed, as routes.ts allows it). */
  pattern: RegExp;
  /** Every parameter by `in.name`. */
  parameters: Map<string, SchemaObject>;
}

const specUrl = new URL('../spec/openapi.yaml', import.meta.url);

/** The query API keys of the spec's security schemes (`apiKey` in `query`), as parameters. */
function queryKeys(spec: OpenApiDocument, security = spec.security ?? []): string[] {
  const schemes = spec.components?.securitySchemes ?? {};
  return security.flatMap((requirement) =>
    Object.keys(requirement).flatMap((scheme) => {
      const { type, in: where, name } = schemes[scheme] ?? {};
      return type === 'apiKey' && where === 'query' && name ? [name] : [];
    }),
  );
}

/** Every operation of `spec` with its parameters (path item's, operation's, query API keys). */
export function specOperations(spec: OpenApiDocument): SpecOperation[] {
  return operationsOf(spec).map((entry) => {
    const parameters = new Map<string, SchemaObject>();
    for (const parameter of parametersOf(spec, entry).values())
      parameters.set(
        `${parameter.in}.${parameter.name}`,
        resolveRef<SchemaObject>(spec, parameter.schema ?? {}).node,
      );
    for (const name of queryKeys(spec, entry.operation.security))
      parameters.set(`query.${name}`, { type: 'string' });
    const source = entry.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return {
      id: entry.id ?? `${entry.method} ${entry.path}`,
      method: entry.method.toUpperCase(),
      path: entry.path,
      pattern: new RegExp(`^${source}/?$`),
      parameters,
    };
  });
}

let document: OpenApiDocument | undefined;
let loaded: SpecOperation[] | undefined;

/** spec/openapi.yaml, read once. */
const loadSpec = (): OpenApiDocument =>
  (document ??= asDocument(parse(readFileSync(specUrl, 'utf8'))));

/** The operations of spec/openapi.yaml, read once. */
export function loadSpecOperations(): SpecOperation[] {
  loaded ??= specOperations(loadSpec());
  return loaded;
}

/** The values of the spec's enum schema `name`, e.g. every ActorJobStatus. */
export function specEnum(name: string): string[] {
  const values = loadSpec().components?.schemas?.[name]?.enum;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
    throw new Error(`spec/openapi.yaml: components.schemas.${name} is not an enum of strings`);
  return values as string[];
}

const list = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}` : (names[0] ?? '');

/** Why `value` does not fit `schema`: what the parameter must be; undefined when it fits. */
function mismatch(value: string, schema: SchemaObject): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const { minimum, maximum, minLength, maxLength, pattern } = schema as {
    minimum?: number;
    maximum?: number;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
  };
  if (schema.enum && !schema.enum.map(String).includes(value))
    return `one of ${list(schema.enum.map(String))}`;
  if (type === 'integer' || type === 'number') {
    const number = Number(value);
    const shape = type === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
    const what = type === 'integer' ? 'an integer' : 'a number';
    const allowed =
      minimum !== undefined && maximum !== undefined
        ? `${what} between ${minimum} and ${maximum}`
        : minimum !== undefined
          ? `${what} >= ${minimum}`
          : maximum !== undefined
            ? `${what} <= ${maximum}`
            : what;
    const fits =
      shape.test(value) &&
      (type === 'number' || Number.isSafeInteger(number)) &&
      (minimum === undefined || number >= minimum) &&
      (maximum === undefined || number <= maximum);
    return fits ? undefined : allowed;
  }
  // The API reads `1` and `0` as booleans too (the spec's `desc` says so; apify-client sends them).
  if (type === 'boolean')
    return ['true', 'false', '1', '0'].includes(value) ? undefined : 'true, false, 1 or 0';
  const length = Array.from(value).length; // JSON Schema counts code points
  if (minLength !== undefined && length < minLength)
    return `at least ${minLength} character${minLength === 1 ? '' : 's'} long`;
  if (maxLength !== undefined && length > maxLength) return `at most ${maxLength} characters long`;
  if (pattern !== undefined && !new RegExp(pattern, 'u').test(value))
    return `text matching ${pattern}`;
  return undefined;
}

/** The largest page the spec allows: the maximum of the list operations' `limit`. */
export function specMaxLimit(): number {
  const limits = loadSpecOperations().map((o) => o.parameters.get('query.limit')?.maximum);
  const maximum = limits.find((m) => typeof m === 'number');
  if (maximum === undefined) throw new Error('spec/openapi.yaml: the list has no limit maximum');
  return maximum;
}

/** The spec operation a request is, or undefined (routes.ts answers 404 or 405 for those). */
export function operationOf(
  method: string,
  pathname: string,
  operations = loadSpecOperations(),
): SpecOperation | undefined {
  const asked = method === 'HEAD' ? 'GET' : method;
  return operations.find((op) => op.method === asked && op.pattern.test(pathname));
}

/**
 * Throws a 400 FakeApiError when the query of a request has a name its spec operation does not
 * take, a name twice or (with `values`, the default) a value the parameter's schema does not
 * allow. A request no operation matches is left to routes.ts. Messages name parameters, never
 * their values (a token may be among them).
 */
export function checkQuery(
  method: string,
  url: URL,
  { values = true } = {},
  operations = loadSpecOperations(),
): void {
  const operation = operationOf(method, url.pathname, operations);
  if (!operation) return;
  const query = url.searchParams;
  const names = [...new Set(query.keys())];
  const unknown = names.filter((name) => !operation.parameters.has(`query.${name}`));
  if (unknown.length > 0) {
    const known = [...operation.parameters.keys()]
      .filter((key) => key.startsWith('query.'))
      .map((key) => key.slice('query.'.length));
    const quoted = unknown.map((name) => `'${name}'`);
    throw new FakeApiError(
      400,
      `Invalid input: unknown query parameter${unknown.length > 1 ? 's' : ''} ${list(quoted)}; ` +
        `${operation.method} ${operation.path} takes ${list(known)}.`,
    );
  }
  for (const name of names) {
    const given = query.getAll(name);
    if (given.length > 1) throw invalid(name, 'given at most once');
    const schema = operation.parameters.get(`query.${name}`)!;
    const allowed = values ? mismatch(given[0]!, schema) : undefined;
    if (allowed !== undefined) throw invalid(name, allowed);
  }
}
