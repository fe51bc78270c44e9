// Response validators compiled from spec/openapi.yaml: Redocly bundles the spec to JSON, Ajv
// (JSON Schema 2020-12, the dialect of OpenAPI 3.1) compiles each response schema.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { asDocument, resolveRef } from '../../scripts/lib/openapi.js';
import { bundleSpec } from '../../scripts/lib/redocly.js';

// ajv-formats is CommonJS: NodeNext types its default import as the module object, while at run
// time it is the plugin function itself (which also carries `.default`).
const addFormats =
  (addFormatsModule as Partial<typeof addFormatsModule>).default ??
  (addFormatsModule as unknown as typeof addFormatsModule.default);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SpecValidators {
  /** The status codes the spec declares for an operation, e.g. ['200', '400', ...]. */
  statuses(method: 'get' | 'post', pathTemplate: string): string[];
  /** Validates a response body for an operation and status; returns Ajv's errors, [] when valid. */
  check(method: 'get' | 'post', pathTemplate: string, status: number, body: unknown): string[];
  /** The example body the spec gives for an operation and status. */
  example(method: 'get' | 'post', pathTemplate: string, status: number): unknown;
  /** Every `example` and `examples` entry under components.schemas, with the schema's pointer. */
  schemaExamples(): { pointer: string; value: unknown }[];
  /** Validates a value against the schema at a JSON pointer under components.schemas. */
  checkAt(pointer: string, value: unknown): string[];
  /** An operation as bundled (`$ref`s kept), with the path item's parameters, or undefined. */
  operation(method: 'get' | 'post', pathTemplate: string): JsonObject | undefined;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Collects the examples of every schema node, keyed by the node's JSON pointer. */
function collectExamples(node: Json, pointer: string, out: { pointer: string; value: unknown }[]) {
  if (Array.isArray(node))
    node.forEach((child, i) => collectExamples(child, `${pointer}/${i}`, out));
  if (!isObject(node)) return;
  if ('example' in node) out.push({ pointer, value: node.example });
  if (Array.isArray(node.examples)) for (const value of node.examples) out.push({ pointer, value });
  for (const [key, child] of Object.entries(node))
    if (key !== 'example' && key !== 'examples')
      collectExamples(child, `${pointer}/${escapePointer(key)}`, out);
}

/** Objects with declared properties reject undeclared ones, so a misspelled field is caught. */
function closeObjects(node: Json): void {
  if (Array.isArray(node)) node.forEach(closeObjects);
  if (!isObject(node)) return;
  if (isObject(node.properties) && !('additionalProperties' in node))
    node.unevaluatedProperties = false;
  Object.values(node).forEach(closeObjects);
}

export async function loadSpecValidators(): Promise<SpecValidators> {
  const text = JSON.stringify(await bundleSpec('builds')).replaceAll(
    '#/components/schemas/',
    'openapi.json#/$defs/',
  );
  const spec = JSON.parse(text) as JsonObject;
  const components = spec.components as JsonObject;
  const schemas = components.schemas as JsonObject;
  closeObjects(schemas);
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('example');
  ajv.addSchema({ $id: 'openapi.json', $defs: schemas });

  const responses = (method: string, pathTemplate: string): JsonObject => {
    const item = (spec.paths as JsonObject)[pathTemplate];
    const operation = isObject(item) ? item[method] : undefined;
    if (!isObject(operation) || !isObject(operation.responses))
      throw new Error(`no ${method} ${pathTemplate} in the spec`);
    return operation.responses;
  };
  const media = (method: string, pathTemplate: string, status: number): JsonObject => {
    const declared = responses(method, pathTemplate)[String(status)];
    const response = isObject(declared)
      ? resolveRef<JsonObject>(asDocument(spec), declared).node
      : undefined;
    const content =
      isObject(response) && isObject(response.content)
        ? response.content['application/json']
        : undefined;
    if (!isObject(content))
      throw new Error(`the spec declares no JSON ${status} response for ${method} ${pathTemplate}`);
    return content;
  };
  const compiled = new Map<string, ValidateFunction>();
  const errorsOf = (validate: ValidateFunction, value: unknown): string[] =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  const examples: { pointer: string; value: unknown }[] = [];
  for (const [name, schema] of Object.entries(schemas))
    collectExamples(schema, `/${escapePointer(name)}`, examples);

  return {
    operation(method, pathTemplate) {
      const item = (spec.paths as JsonObject)[pathTemplate];
      if (!isObject(item) || !isObject(item[method])) return undefined;
      return structuredClone({ pathParameters: item.parameters ?? null, ...item[method] });
    },
    statuses: (method, pathTemplate) => Object.keys(responses(method, pathTemplate)),
    check(method, pathTemplate, status, body) {
      const key = `${method} ${pathTemplate} ${status}`;
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv.compile(media(method, pathTemplate, status).schema as JsonObject);
        compiled.set(key, validate);
      }
      return errorsOf(validate, body);
    },
    example: (method, pathTemplate, status) => media(method, pathTemplate, status).example,
    schemaExamples: () => structuredClone(examples),
    checkAt(pointer, value) {
      let validate = compiled.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `openapi.json#/$defs${pointer}` });
        compiled.set(pointer, validate);
      }
      return errorsOf(validate, value);
    },
  };
}
