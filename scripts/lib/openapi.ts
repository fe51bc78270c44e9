// The parts of an OpenAPI 3.1 document the scripts read, and the walks over them they share:
// every operation of a bundled spec, and local `$ref`s followed to what they point at.

/** A schema, as far as the scripts read one; other keywords are there as `unknown`. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  [keyword: string]: unknown;
}

/** A `$ref` in place of a parameter or a response. */
export interface Reference {
  $ref: string;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: SchemaObject;
  example?: unknown;
}

export interface MediaType {
  schema?: SchemaObject;
}

export interface Response {
  content?: Record<string, MediaType>;
}

export interface Server {
  url: string;
}

export type SecurityRequirement = Record<string, string[]>;

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: (Parameter | Reference)[];
  responses?: Record<string, Response | Reference>;
  security?: SecurityRequirement[];
  servers?: Server[];
  'x-codeSamples'?: CodeSample[];
}

export const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
export type Method = (typeof METHODS)[number];

export type PathItem = { [method in Method]?: Operation } & {
  parameters?: (Parameter | Reference)[];
  servers?: Server[];
};

export interface SecurityScheme {
  $ref?: string;
  type?: string;
  scheme?: string;
  name?: string;
  in?: string;
}

export interface Tag {
  name: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi?: string;
  info?: { version?: string };
  servers?: Server[];
  security?: SecurityRequirement[];
  tags?: Tag[];
  paths?: Record<string, PathItem>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    securitySchemes?: Record<string, SecurityScheme>;
    [section: string]: unknown;
  };
}

/** A JSON value as a bundled spec: the scripts trust Redocly to have written an OpenAPI document. */
export const asDocument = (value: unknown) => value as OpenApiDocument;

/** One operation of a spec, with the path item it belongs to. */
export interface OperationEntry {
  id: string | undefined;
  method: Method;
  path: string;
  item: PathItem;
  operation: Operation;
}

/** Every operation of a spec, in the spec's order. */
export function operationsOf(spec: OpenApiDocument): OperationEntry[] {
  return Object.entries(spec.paths ?? {}).flatMap(([route, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ id: operation.operationId, method, path: route, item, operation }] : [];
    }),
  );
}

/**
 * Follows local `$ref`s (`#/components/...`) until a node without one; also names the last
 * component it went through (a schema's name). Throws on a remote or dangling reference.
 */
export function resolveRef<T extends object>(
  spec: OpenApiDocument,
  start: T | Reference,
): { node: T; name: string | undefined } {
  let node: object = start;
  let name: string | undefined;
  for (let hops = 0; '$ref' in node && typeof node.$ref === 'string'; hops += 1) {
    const ref = node.$ref;
    if (hops > 32 || !ref.startsWith('#/')) throw new Error(`cannot resolve ${ref}`);
    const keys = ref
      .slice(2)
      .split('/')
      .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
    name = keys.at(-1);
    let target: unknown = spec;
    for (const key of keys)
      target =
        typeof target === 'object' && target !== null
          ? (target as Record<string, unknown>)[key]
          : undefined;
    if (typeof target !== 'object' || target === null) throw new Error(`${ref} points at nothing`);
    node = target;
  }
  return { node: node as T, name };
}

/** The parameters of an operation, its path item's included, as `in:name -> parameter`. */
export function parametersOf(
  spec: OpenApiDocument,
  { item, operation }: Pick<OperationEntry, 'item' | 'operation'>,
): Map<string, Parameter> {
  const all = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(
    (p) => resolveRef<Parameter>(spec, p).node,
  );
  return new Map(all.map((p) => [`${p.in}:${p.name}`, p]));
}
