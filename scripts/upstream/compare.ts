// Compares the operations of our bundled spec with the same operations of another bundled spec
// (the upstream one) and returns one row per difference: { key, ours, upstream }.
// Keys are stable and name things by our spec (our schema names, our canonical paths), so a
// deliberate difference can be listed once and still match after upstream renames its schemas.
import {
  operationsOf as allOperations,
  resolveRef,
  type OpenApiDocument,
  type Operation,
  type OperationEntry,
  type Parameter,
  type Reference,
  type SchemaObject,
} from '../lib/openapi.js';

const NONE = '—';
const LIST_SHOWN = 8;
/** The keywords compared one by one (besides type, enum, properties and items). */
export const KEYWORDS = [
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'default',
  'deprecated',
];

/** `/v2/acts/` and `/v2/actors/` are the same route; path parameter names do not matter. */
export const routeOf = (path: string) =>
  path.replace(/^\/v2\/acts\//, '/v2/actors/').replace(/\{[^}]*\}/g, '{}');
const isLegacy = (path: string) => path.startsWith('/v2/acts/');

/** A node that may be missing resolved as an empty one. */
function resolve<T extends object>(spec: OpenApiDocument, node: T | Reference | undefined) {
  if (node === undefined) return { node: {} as Partial<T>, name: undefined };
  return resolveRef<T>(spec, node);
}

interface ComparedOperation extends OperationEntry {
  route: string;
  parameters: Map<string, Parameter>;
}

/** Every operation of a spec, with its path-level parameters merged in. */
function operationsOf(spec: OpenApiDocument): ComparedOperation[] {
  return allOperations(spec).map((entry) => {
    const parameters = new Map<string, Parameter>();
    for (const raw of [...(entry.item.parameters ?? []), ...(entry.operation.parameters ?? [])]) {
      const parameter = resolveRef<Parameter>(spec, raw).node;
      parameters.set(`${parameter.in}.${parameter.name}`, parameter);
    }
    return { ...entry, route: routeOf(entry.path), parameters };
  });
}

/** The canonical operation for a route: the `/v2/actors/` one when both prefixes exist. */
const pick = (candidates: ComparedOperation[]) =>
  candidates.find((o) => !isLegacy(o.path)) ?? candidates[0];

function securityLabel(spec: OpenApiDocument, operation: Operation): string {
  const requirements = operation.security ?? spec.security ?? [];
  const schemes = spec.components?.securitySchemes ?? {};
  const label = (requirement: Record<string, string[]>) => {
    const names = Object.keys(requirement);
    if (names.length === 0) return 'anonymous';
    return names
      .map((n) => {
        const s = resolve(spec, schemes[n]).node;
        if (s.type === 'http') return `${s.scheme ?? 'http'} header`;
        if (s.type === 'apiKey') return `${s.name ?? ''} in ${s.in ?? ''}`;
        return s.type ?? n;
      })
      .join(' + ');
  };
  return [...new Set(requirements.map(label))].sort().join(' or ') || NONE;
}

/** A schema as compared: its own and its allOf parts' fields together. */
interface Normalised {
  name: string | undefined;
  types: Set<string>;
  nullable: boolean;
  properties: Record<string, SchemaObject>;
  required: Set<string>;
  enum: unknown[] | undefined;
  items: SchemaObject | undefined;
  additionalProperties: boolean | SchemaObject | undefined;
  /** `format` and the KEYWORDS. */
  keywords: Record<string, unknown>;
}

/** A schema reduced to what is compared: anyOf/oneOf with `null` become nullable, allOf merges. */
/** `enum` or one of the other keywords of a normalised schema. */
const valueOf = (s: Normalised, key: string) => (key === 'enum' ? s.enum : s.keywords[key]);

function normalise(spec: OpenApiDocument, raw: SchemaObject): Normalised {
  const { node, name } = resolve(spec, raw);
  const out: Normalised = {
    name,
    types: new Set([node.type ?? []].flat()),
    nullable: false,
    properties: { ...node.properties },
    required: new Set(node.required ?? []),
    enum: node.const !== undefined ? [node.const] : node.enum,
    items: node.items,
    additionalProperties: node.additionalProperties,
    keywords: {},
  };
  for (const key of ['format', ...KEYWORDS])
    if (node[key] !== undefined) out.keywords[key] = node[key];
  for (const part of node.allOf ?? []) {
    const merged = normalise(spec, part);
    merged.types.forEach((t) => out.types.add(t));
    Object.assign(out.properties, merged.properties);
    merged.required.forEach((r) => out.required.add(r));
    out.enum ??= merged.enum;
    out.items ??= merged.items;
    for (const key of ['format', ...KEYWORDS]) out.keywords[key] ??= merged.keywords[key];
  }
  const branches = [...(node.anyOf ?? []), ...(node.oneOf ?? [])].map((b) => normalise(spec, b));
  const nonNull = branches.filter((b) => b.types.size > 0 || !b.nullable);
  if (branches.length > nonNull.length) out.nullable = true;
  const [only] = nonNull;
  if (only && nonNull.length === 1 && out.types.size === 0) {
    return { ...only, name: only.name ?? out.name, nullable: out.nullable || only.nullable };
  }
  for (const branch of nonNull) branch.types.forEach((t) => out.types.add(t));
  if (out.types.delete('null')) out.nullable = true;
  return out;
}

const show = (value: unknown): string =>
  value === undefined ? NONE : typeof value === 'string' ? value : JSON.stringify(value);
const typeLabel = (s: Normalised) =>
  [...[...s.types].sort(), ...(s.nullable ? ['null'] : [])].join('|') +
    (s.keywords.format ? ` (${show(s.keywords.format)})` : '') || 'any';
const need = (required: boolean | undefined) => (required ? 'required' : 'optional');
const listLabel = (values: unknown[]) =>
  values.length === 0
    ? NONE
    : values.length <= LIST_SHOWN
      ? values.map(show).join(', ')
      : `${values.length} values: ${values.slice(0, 3).map(show).join(', ')}, …`;

export interface Row {
  key: string;
  ours: string;
  upstream: string;
}

/** One comparison of two specs: the rows found, each key once. */
class Comparison {
  readonly rows: Row[] = [];
  readonly #seen = new Set<string>();
  // Pairs of schemas already compared: a recursive schema is walked once.
  readonly #compared = new Map<object, Set<object>>();

  constructor(
    readonly ours: OpenApiDocument,
    readonly theirs: OpenApiDocument,
  ) {}

  add(key: string, a: string, b: string): void {
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.rows.push({ key, ours: a, upstream: b });
  }

  /** One of our operations (its legacy alias folded in) against theirs. */
  operation(group: ComparedOperation[], theirOps: ComparedOperation[]): void {
    const mine = pick(group);
    if (!mine) return;
    const op = `${mine.method.toUpperCase()} ${mine.path.replace(/^\/v2\/acts\//, '/v2/actors/')}`;
    const sameRoute = theirOps.filter((o) => o.method === mine.method && o.route === mine.route);
    const ids = new Set(group.map((o) => o.operation.operationId));
    const yours =
      pick(sameRoute) ??
      theirOps.find((o) => o.method === mine.method && ids.has(o.operation.operationId));
    if (!yours) {
      this.add(`operation ${op}`, mine.operation.operationId ?? 'declared', NONE);
      return;
    }
    // The legacy prefix and other path parameter names are the same route: no path row.
    if (mine.route !== yours.route) this.add(`operation ${op}: path`, mine.path, yours.path);
    if (mine.operation.operationId !== yours.operation.operationId)
      this.add(
        `operation ${op}: operationId`,
        show(mine.operation.operationId),
        show(yours.operation.operationId),
      );
    if (Boolean(mine.operation.deprecated) !== Boolean(yours.operation.deprecated))
      this.add(
        `operation ${op}: deprecated`,
        show(Boolean(mine.operation.deprecated)),
        show(Boolean(yours.operation.deprecated)),
      );
    const [sa, sb] = [
      securityLabel(this.ours, mine.operation),
      securityLabel(this.theirs, yours.operation),
    ];
    if (sa !== sb) this.add(`operation ${op}: security`, sa, sb);
    this.parameters(op, mine, yours);
    this.responses(op, mine, yours);
  }

  /** The parameters of one operation, matched by place and name. */
  parameters(op: string, mine: ComparedOperation, yours: ComparedOperation): void {
    for (const id of new Set([...mine.parameters.keys(), ...yours.parameters.keys()])) {
      const key = `parameter ${op} ${id}`;
      const [a, b] = [mine.parameters.get(id), yours.parameters.get(id)];
      if (!a || !b) {
        this.add(key, a ? 'declared' : NONE, b ? 'declared' : NONE);
        continue;
      }
      if (Boolean(a.required) !== Boolean(b.required))
        this.add(`${key}: required`, need(a.required), need(b.required));
      const [sa, sb] = [
        normalise(this.ours, a.schema ?? {}),
        normalise(this.theirs, b.schema ?? {}),
      ];
      if (typeLabel(sa) !== typeLabel(sb)) this.add(`${key}: type`, typeLabel(sa), typeLabel(sb));
      for (const k of ['enum', ...KEYWORDS])
        if (JSON.stringify(valueOf(sa, k)) !== JSON.stringify(valueOf(sb, k)))
          this.add(`${key}: ${k}`, show(valueOf(sa, k)), show(valueOf(sb, k)));
    }
  }

  /** The responses of one operation: statuses, content types, JSON schemas. */
  responses(op: string, mine: ComparedOperation, yours: ComparedOperation): void {
    const [ra, rb] = [mine.operation.responses ?? {}, yours.operation.responses ?? {}];
    for (const code of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      if (!ra[code] || !rb[code]) {
        this.add(
          `response ${op} ${code}`,
          ra[code] ? 'declared' : NONE,
          rb[code] ? 'declared' : NONE,
        );
        continue;
      }
      const [ca, cb] = [
        resolve(this.ours, ra[code]).node.content ?? {},
        resolve(this.theirs, rb[code]).node.content ?? {},
      ];
      const [ta, tb] = [Object.keys(ca).sort().join(', '), Object.keys(cb).sort().join(', ')];
      if (ta !== tb) this.add(`response ${op} ${code}: content`, ta || NONE, tb || NONE);
      const json = 'application/json';
      if (ca[json]?.schema && cb[json]?.schema)
        this.schemas(ca[json].schema, cb[json].schema, `${op} ${code}`);
    }
  }

  /** `path` names the place (a property path); what the schema holds is named by our schema. */
  schemas(ourRaw: SchemaObject, theirRaw: SchemaObject, path: string): void {
    const a = normalise(this.ours, ourRaw);
    const b = normalise(this.theirs, theirRaw);
    // Nullability belongs to the place, so the type row is keyed by the path.
    if (typeLabel(a) !== typeLabel(b)) this.add(`schema ${path}: type`, typeLabel(a), typeLabel(b));
    const ourNode = resolve(this.ours, ourRaw).node;
    const theirNode = resolve(this.theirs, theirRaw).node;
    const pairs = this.#compared.get(ourNode) ?? new Set<object>();
    this.#compared.set(ourNode, pairs);
    if (pairs.has(theirNode)) return;
    pairs.add(theirNode);
    const where = a.name ?? path;
    const at = (suffix: string) => `schema ${where}${suffix}`;
    this.#enums(a, b, at);
    for (const key of KEYWORDS)
      if (JSON.stringify(a.keywords[key]) !== JSON.stringify(b.keywords[key]))
        this.add(at(`: ${key}`), show(a.keywords[key]), show(b.keywords[key]));
    this.#properties(a, b, where);
    if (a.items && b.items) this.schemas(a.items, b.items, `${where}[]`);
    else if (a.items || b.items)
      this.add(at('[]'), a.items ? 'items' : NONE, b.items ? 'items' : NONE);
    const [ap, bp] = [a.additionalProperties, b.additionalProperties];
    if (typeof ap === 'object' && typeof bp === 'object') this.schemas(ap, bp, `${where}{}`);
    else if (JSON.stringify(ap) !== JSON.stringify(bp))
      this.add(
        at(': additionalProperties'),
        typeof ap === 'object' ? 'schema' : show(ap),
        typeof bp === 'object' ? 'schema' : show(bp),
      );
  }

  /** The enum of one schema. */
  #enums(a: Normalised, b: Normalised, at: (suffix: string) => string): void {
    if (!a.enum && !b.enum) return;
    const only = (x: unknown[] | undefined, y: unknown[] | undefined) =>
      (x ?? []).filter((v) => !(y ?? []).some((w) => JSON.stringify(w) === JSON.stringify(v)));
    const [mine, yours] = [only(a.enum, b.enum), only(b.enum, a.enum)];
    if (!a.enum || !b.enum)
      this.add(at(': enum'), a.enum ? listLabel(a.enum) : NONE, b.enum ? listLabel(b.enum) : NONE);
    else if (mine.length || yours.length)
      this.add(at(': enum'), `only ours: ${listLabel(mine)}`, `only upstream: ${listLabel(yours)}`);
  }

  /** The properties of one schema, and required names without a property. */
  #properties(a: Normalised, b: Normalised, where: string): void {
    for (const prop of new Set([...Object.keys(a.properties), ...Object.keys(b.properties)])) {
      const child = `${where}.${prop}`;
      const [mine, yours] = [a.properties[prop], b.properties[prop]];
      if (!mine || !yours) {
        this.add(
          `schema ${child}`,
          mine ? typeLabel(normalise(this.ours, mine)) : NONE,
          yours ? typeLabel(normalise(this.theirs, yours)) : NONE,
        );
        continue;
      }
      if (a.required.has(prop) !== b.required.has(prop))
        this.add(
          `schema ${child}: required`,
          need(a.required.has(prop)),
          need(b.required.has(prop)),
        );
      this.schemas(mine, yours, child);
    }
    for (const prop of new Set([...a.required, ...b.required]))
      if (
        !(prop in a.properties) &&
        !(prop in b.properties) &&
        a.required.has(prop) !== b.required.has(prop)
      )
        this.add(
          `schema ${where}.${prop}: required`,
          need(a.required.has(prop)),
          need(b.required.has(prop)),
        );
  }
}

/** Finds every difference between our spec and theirs for the operations our spec declares. */
export function compareSpecs(ours: OpenApiDocument, theirs: OpenApiDocument): Row[] {
  const comparison = new Comparison(ours, theirs);
  const theirOps = operationsOf(theirs);
  const groups = new Map<string, ComparedOperation[]>();
  for (const o of operationsOf(ours)) {
    const id = `${o.method} ${o.route}`;
    groups.set(id, [...(groups.get(id) ?? []), o]);
  }
  for (const group of groups.values()) comparison.operation(group, theirOps);
  return comparison.rows;
}
