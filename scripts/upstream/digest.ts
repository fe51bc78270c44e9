// The pinned digest of the official spec (spec/upstream-digest.json): the bundled upstream spec
// cut down to the facts `compareSpecs` compares — the operations that match ours (paths,
// operationIds, deprecation, security, parameters, response codes and content types) and every
// schema they reach (properties, required, types, enums, patterns, bounds, defaults). No
// descriptions, summaries or examples. Comparing our spec against the digest gives the same rows
// as comparing it against the whole upstream spec, offline.
import {
  METHODS,
  type MediaType,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type PathItem,
  type Reference,
  type Response,
  type SchemaObject,
  type SecurityScheme,
} from '../lib/openapi.js';
import { KEYWORDS, routeOf } from './compare.js';

const SCHEMA_FACTS = ['type', 'format', 'enum', 'const', 'required', ...KEYWORDS];

/** A JSON object of the spec, read key by key. */
type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;
const refOf = (node: object): string | undefined =>
  '$ref' in node && typeof node.$ref === 'string' ? node.$ref : undefined;

/** Keeps the facts of a spec's nodes and the components they reach by local `$ref`. */
function digester(spec: OpenApiDocument) {
  const components: Node = {};
  const lookup = (ref: string) => {
    const keys = ref
      .slice(2)
      .split('/')
      .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
    let node: unknown = spec;
    for (const key of keys) node = isNode(node) ? node[key] : undefined;
    return { keys, node };
  };
  /** Follows a `$ref` once: the target is kept (pruned by `prune`) under the same pointer. */
  const follow = <T extends object>(ref: string, prune: (node: T) => T): T => {
    if (!ref.startsWith('#/')) throw new Error(`unbundled $ref ${ref}`);
    const { keys, node } = lookup(ref);
    let at = components;
    for (const key of keys.slice(1, -1)) {
      const next = at[key];
      at = isNode(next) ? next : (at[key] = {});
    }
    const last = keys.at(-1) ?? '';
    if (!(last in at)) {
      at[last] = {}; // a placeholder first: schemas can refer to themselves
      at[last] = prune((isNode(node) ? node : {}) as T);
    }
    // The reference stands where the node was.
    return { $ref: ref } as T;
  };
  const schema = (node: SchemaObject): SchemaObject => {
    if (!isNode(node)) return node;
    const ref = refOf(node);
    if (ref !== undefined) return follow(ref, schema);
    const out: SchemaObject = {};
    const facts: Node = out;
    for (const key of SCHEMA_FACTS) if (node[key] !== undefined) facts[key] = node[key];
    if (node.properties)
      out.properties = Object.fromEntries(
        Object.entries(node.properties).map(([name, value]) => [name, schema(value)]),
      );
    if (node.items !== undefined) out.items = schema(node.items);
    if (node.additionalProperties !== undefined)
      out.additionalProperties =
        typeof node.additionalProperties === 'boolean'
          ? node.additionalProperties
          : schema(node.additionalProperties);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const parts = node[key];
      if (parts) out[key] = parts.map(schema);
    }
    return out;
  };
  const parameter = (node: Parameter | Reference): Parameter | Reference => {
    const ref = refOf(node);
    if (ref !== undefined) return follow(ref, parameter);
    const { name, in: where, required, schema: s } = node as Parameter;
    return { name, in: where, ...(required && { required }), schema: schema(s ?? {}) };
  };
  const response = (node: Response | Reference): Response | Reference => {
    const ref = refOf(node);
    if (ref !== undefined) return follow(ref, response);
    const content = Object.fromEntries(
      Object.entries((node as Response).content ?? {}).map(([type, media]): [string, MediaType] => [
        type,
        media.schema ? { schema: schema(media.schema) } : {},
      ]),
    );
    return { content };
  };
  const securityScheme = (node: SecurityScheme): SecurityScheme => {
    const ref = refOf(node);
    if (ref !== undefined) return follow(ref, securityScheme);
    const { type, scheme, name, in: where } = node;
    // Undefined fields vanish in the JSON, as in the digest main wrote.
    return { type, scheme, name, in: where } as SecurityScheme;
  };
  return { components, schema, parameter, response, securityScheme };
}

/**
 * The digest of `upstream` for the operations of `ours` (both bundled): a small OpenAPI document
 * that `compareSpecs(ours, digest)` reads as it reads `upstream`.
 */
export function digestSpec(ours: OpenApiDocument, upstream: OpenApiDocument): OpenApiDocument {
  const wanted = new Set<string>();
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(ours.paths ?? {}))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      wanted.add(`${method} ${routeOf(path)}`);
      if (op.operationId) ids.add(op.operationId);
    }
  const d = digester(upstream);
  const paths: Record<string, PathItem> = {};
  for (const [path, item] of Object.entries(upstream.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const matches =
        wanted.has(`${method} ${routeOf(path)}`) ||
        (op.operationId !== undefined && ids.has(op.operationId));
      if (!matches) continue;
      const kept = (paths[path] ??= {});
      if (item.parameters && !kept.parameters) kept.parameters = item.parameters.map(d.parameter);
      const operation: Operation = {
        ...(op.operationId && { operationId: op.operationId }),
        ...(op.deprecated && { deprecated: true }),
        ...(op.security && { security: op.security }),
        ...(op.parameters && { parameters: op.parameters.map(d.parameter) }),
        responses: Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([code, r]) => [code, d.response(r)]),
        ),
      };
      kept[method] = operation;
    }
  }
  const schemes = upstream.components?.securitySchemes ?? {};
  const securitySchemes = Object.fromEntries(
    Object.entries(schemes).map(([name, s]) => [name, d.securityScheme(s)]),
  );
  return {
    ...(upstream.openapi !== undefined && { openapi: upstream.openapi }),
    info: upstream.info?.version !== undefined ? { version: upstream.info.version } : {},
    ...(upstream.security && { security: upstream.security }),
    paths,
    components: { ...d.components, securitySchemes },
  };
}
