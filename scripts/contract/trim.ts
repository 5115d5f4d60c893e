// Derives the trimmed contract from the vendor's specification: only the
// operations in `usedOperations`, the components they reach, and no prose.
import { usedOperations } from './operations.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PROSE_KEYS = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'x-codeSamples',
  'tags',
  'title',
]);
// Maps whose keys are names chosen by the author, never OpenAPI keywords.
const NAMED_MAPS = new Set([
  'properties',
  'paths',
  'responses',
  'content',
  'headers',
  'variables',
  'schemas',
  'parameters',
  'securitySchemes',
  'requestBodies',
  'patternProperties',
  'mapping',
]);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripProse(node: Json, keysAreNames = false): Json {
  if (Array.isArray(node)) return node.map((item) => stripProse(item));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (!keysAreNames && PROSE_KEYS.has(key)) continue;
    // `required` inside a schema is a list of names; `enum` and `default` are data.
    if (!keysAreNames && (key === 'enum' || key === 'default' || key === 'required')) {
      out[key] = value;
      continue;
    }
    out[key] = stripProse(value, !keysAreNames && NAMED_MAPS.has(key) && isObject(value));
  }
  return out;
}

function collectRefs(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value);
      else collectRefs(value, found);
    }
  }
}

function resolvePointer(root: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
  let node: Json = root;
  for (const raw of ref.slice(2).split('/')) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node) || !(part in node)) throw new Error(`Unresolvable reference ${ref}`);
    node = node[part]!;
  }
  return node;
}

/** The interfaces an operation is limited to, as the vendor marks it (`x-interface`); prose is stripped after this. */
export const INTERFACE_MARK = 'x-interface';

function interfaceMarks(spec: JsonObject): Map<string, 'customer' | 'enterprise'> {
  const byTag = new Map<string, 'customer' | 'enterprise'>();
  for (const tag of Array.isArray(spec.tags) ? spec.tags : []) {
    if (!isObject(tag) || typeof tag.name !== 'string') continue;
    const marked = onlyIn(tag.description);
    if (marked) byTag.set(tag.name, marked);
  }
  return byTag;
}

function onlyIn(description: Json | undefined): 'customer' | 'enterprise' | undefined {
  if (typeof description !== 'string') return undefined;
  const found = /available only in (Customer|Enterprise) API/i.exec(description);
  return found ? (found[1]!.toLowerCase() as 'customer' | 'enterprise') : undefined;
}

/** `customer` or `enterprise` when the vendor says only that interface has the operation; undefined for both. */
function operationInterface(
  operation: JsonObject,
  byTag: Map<string, 'customer' | 'enterprise'>,
): 'customer' | 'enterprise' | undefined {
  const own = onlyIn(operation.description);
  if (own) return own;
  for (const tag of Array.isArray(operation.tags) ? operation.tags : []) {
    const marked = typeof tag === 'string' ? byTag.get(tag) : undefined;
    if (marked) return marked;
  }
  return undefined;
}

export function trimSpecification(spec: JsonObject): JsonObject {
  const paths = spec.paths;
  if (!isObject(paths)) throw new Error('The specification has no paths');
  const byTag = interfaceMarks(spec);
  const keptPaths: JsonObject = {};
  for (const [path, methods] of Object.entries(usedOperations)) {
    const item = paths[path];
    if (!isObject(item)) throw new Error(`The specification no longer has ${path}`);
    const kept: JsonObject = {};
    if (item.parameters) kept.parameters = item.parameters;
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation))
        throw new Error(`The specification no longer has ${method.toUpperCase()} ${path}`);
      const only = operationInterface(operation, byTag);
      kept[method] = only ? { ...operation, [INTERFACE_MARK]: only } : operation;
    }
    keptPaths[path] = kept;
  }

  // Follow references transitively so every reachable component survives.
  const refs = new Set<string>();
  collectRefs(keptPaths, refs);
  collectRefs((spec.security ?? []) as Json, refs);
  const components: Record<string, JsonObject> = {};
  const queue = [...refs];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const ref = queue.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , section, name] = ref.split('/');
    if (!section || !name) throw new Error(`Unexpected reference ${ref}`);
    const target = resolvePointer(spec, ref);
    (components[section] ??= {})[name] = target;
    const inner = new Set<string>();
    collectRefs(target, inner);
    queue.push(...inner);
  }
  const securitySchemes = isObject(spec.components) ? spec.components.securitySchemes : undefined;
  if (isObject(securitySchemes)) components.securitySchemes = securitySchemes;

  const sortedComponents: JsonObject = {};
  for (const section of Object.keys(components).sort()) {
    const entries = Object.entries(components[section]!).sort(([a], [b]) => a.localeCompare(b));
    sortedComponents[section] = Object.fromEntries(entries);
  }

  const trimmed: JsonObject = {
    openapi: spec.openapi ?? '3.0.2',
    info: {
      title: 'CareCloud Enterprise API (operations used by ccpos)',
      version: isObject(spec.info) ? (spec.info.version ?? '') : '',
    },
    servers: [{ url: '/webservice/rest-api/enterprise-interface/v1.0' }],
    security: spec.security ?? [],
    paths: keptPaths,
    components: sortedComponents,
  };
  return stripProse(trimmed) as JsonObject;
}
