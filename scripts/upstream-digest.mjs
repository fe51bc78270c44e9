// The pinned digest of the official spec (spec/upstream-digest.json): the bundled upstream spec
// cut down to the facts `compareSpecs` compares — the operations that match ours (paths,
// operationIds, deprecation, security, parameters, response codes and content types) and every
// schema they reach (properties, required, types, enums, patterns, bounds, defaults). No
// descriptions, summaries or examples. Comparing our spec against the digest gives the same rows
// as comparing it against the whole upstream spec, offline.
import { routeOf } from './upstream-compare.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SCHEMA_FACTS = [
  'type',
  'format',
  'enum',
  'const',
  'required',
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

/** Keeps the facts of a spec's nodes and the components they reach by local `$ref`. */
function digester(spec) {
  const components = {};
  const lookup = (ref) => {
    const keys = ref
      .slice(2)
      .split('/')
      .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
    return { keys, node: keys.reduce((at, key) => at?.[key], spec) };
  };
  /** Follows a `$ref` once: the target is kept (pruned by `prune`) under the same pointer. */
  const follow = (ref, prune) => {
    if (!ref.startsWith('#/')) throw new Error(`unbundled $ref ${ref}`);
    const { keys, node } = lookup(ref);
    let at = components;
    for (const key of keys.slice(1, -1)) at = at[key] ??= {};
    const last = keys.at(-1);
    if (!(last in at)) {
      at[last] = {}; // a placeholder first: schemas can refer to themselves
      at[last] = prune(node ?? {});
    }
    return { $ref: ref };
  };
  const schema = (node) => {
    if (typeof node !== 'object' || node === null) return node;
    if (typeof node.$ref === 'string') return follow(node.$ref, schema);
    const out = {};
    for (const key of SCHEMA_FACTS) if (node[key] !== undefined) out[key] = node[key];
    if (node.properties)
      out.properties = Object.fromEntries(
        Object.entries(node.properties).map(([name, value]) => [name, schema(value)]),
      );
    if (node.items !== undefined) out.items = schema(node.items);
    if (node.additionalProperties !== undefined)
      out.additionalProperties = schema(node.additionalProperties);
    for (const key of ['allOf', 'anyOf', 'oneOf']) if (node[key]) out[key] = node[key].map(schema);
    return out;
  };
  const parameter = (node) => {
    if (typeof node.$ref === 'string') return follow(node.$ref, parameter);
    const { name, in: where, required, schema: s } = node;
    return { name, in: where, ...(required && { required }), schema: schema(s ?? {}) };
  };
  const response = (node) => {
    if (typeof node.$ref === 'string') return follow(node.$ref, response);
    const content = Object.fromEntries(
      Object.entries(node.content ?? {}).map(([type, media]) => [
        type,
        media.schema ? { schema: schema(media.schema) } : {},
      ]),
    );
    return { content };
  };
  const securityScheme = (node) => {
    if (typeof node.$ref === 'string') return follow(node.$ref, securityScheme);
    const { type, scheme, name, in: where } = node;
    return { type, scheme, name, in: where };
  };
  return { components, schema, parameter, response, securityScheme };
}

/**
 * The digest of `upstream` for the operations of `ours` (both bundled): a small OpenAPI document
 * that `compareSpecs(ours, digest)` reads as it reads `upstream`.
 */
export function digestSpec(ours, upstream) {
  const wanted = new Set();
  const ids = new Set();
  for (const [path, item] of Object.entries(ours.paths ?? {}))
    for (const method of METHODS)
      if (item[method]) {
        wanted.add(`${method} ${routeOf(path)}`);
        if (item[method].operationId) ids.add(item[method].operationId);
      }
  const d = digester(upstream);
  const paths = {};
  for (const [path, item] of Object.entries(upstream.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op || !(wanted.has(`${method} ${routeOf(path)}`) || ids.has(op.operationId))) continue;
      const kept = (paths[path] ??= {});
      if (item.parameters && !kept.parameters) kept.parameters = item.parameters.map(d.parameter);
      kept[method] = {
        ...(op.operationId && { operationId: op.operationId }),
        ...(op.deprecated && { deprecated: true }),
        ...(op.security && { security: op.security }),
        ...(op.parameters && { parameters: op.parameters.map(d.parameter) }),
        responses: Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([code, r]) => [code, d.response(r)]),
        ),
      };
    }
  }
  const schemes = upstream.components?.securitySchemes ?? {};
  const securitySchemes = Object.fromEntries(
    Object.entries(schemes).map(([name, s]) => [name, d.securityScheme(s)]),
  );
  return {
    openapi: upstream.openapi,
    info: { version: upstream.info?.version },
    ...(upstream.security && { security: upstream.security }),
    paths,
    components: { ...d.components, securitySchemes },
  };
}
