// The trimmed CareCloud contract, compiled once per process: a route table and the
// request validators (openapi-backend/ajv). Nothing here walks the spec per request.
import { readFileSync } from 'node:fs';
import { OpenAPIBackend, type Document, type Operation, type OpenAPIValidator } from 'openapi-backend';

export type RequestValidators = ReturnType<OpenAPIValidator['getRequestValidatorsForOperation']>;

export const API_ROOT = '/webservice/rest-api/enterprise-interface/v1.0';
/** The Customer API: the same contract, its own root, device tokens instead of a user's login. */
export const CUSTOMER_API_ROOT = '/webservice/rest-api/customer-interface/v1.0';

export type ApiInterface = 'enterprise' | 'customer';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface Route {
  operationId: string;
  method: HttpMethod;
  /** Path template relative to the API root, e.g. `/customers/{customer_id}`. */
  path: string;
  /** False when the contract marks the operation public (`security: []`). */
  secured: boolean;
  /** The one interface the vendor limits the operation to (`x-interface`); undefined for both. */
  only: ApiInterface | undefined;
  operation: Operation;
  /** Required body fields as paths (`*` = every array item), for the `empty` reason. */
  requiredBodyPaths: string[][];
  requiredQuery: string[];
  pathParams: string[];
  /** First-level fields of a list's items: what `sort_field` may name. */
  sortable: string[];
  /** Query parameters the contract types as arrays (`name[]=a&name[]=b`). */
  arrayQuery: Set<string>;
  /** The operation's compiled ajv validators (parameters, body). */
  validators: RequestValidators;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; pathParams: Record<string, string> }
  | { kind: 'not_found' }
  | { kind: 'method_not_allowed' };

export interface Contract {
  backend: OpenAPIBackend;
  /** Fully dereferenced definition (shared; never mutate). */
  definition: Document;
  routes: Route[];
  match(method: string, relativePath: string): RouteMatch;
  route(operationId: string): Route;
}

interface Template {
  pattern: RegExp | null;
  literal: string;
  names: string[];
  byMethod: Map<string, Route>;
  specificity: number;
}

let compiled: Promise<Contract> | null = null;

/** The contract compiled once and shared by every sandbox in this process. */
export function loadContract(): Promise<Contract> {
  compiled ??= compileContract();
  return compiled;
}

function readSpec(): Document {
  const url = new URL('../resources/carecloud/openapi.trimmed.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Document;
}

async function compileContract(): Promise<Contract> {
  const backend = new OpenAPIBackend({
    definition: readSpec(),
    apiRoot: API_ROOT,
    validate: true,
    coerceTypes: true,
    quick: true,
    ajvOpts: { allErrors: true },
    customizeAjv: (ajv) => addContractFormats(ajv),
  });
  await backend.init();
  backend.validator.preCompileRequestValidators();
  const definition = backend.definition;
  const routes: Route[] = backend.router.getOperations().map((operation) => {
    const operationId = operation.operationId;
    if (!operationId) throw new Error(`operation ${operation.method} ${operation.path} has no operationId`);
    const parameters = (operation.parameters ?? []) as { in: string; name: string; required?: boolean }[];
    const body = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)
      ?.content?.['application/json']?.schema;
    return {
      operationId,
      method: operation.method as HttpMethod,
      path: operation.path,
      secured: (operation.security ?? []).length > 0,
      only: interfaceMark((operation as { 'x-interface'?: unknown })['x-interface']),
      operation,
      requiredBodyPaths: body ? requiredPaths(body, []) : [],
      requiredQuery: parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name),
      pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      sortable: listItemFields(operation),
      arrayQuery: new Set(
        (parameters as { in: string; name: string; schema?: { type?: string } }[])
          .filter((p) => p.in === 'query' && p.schema?.type === 'array')
          .map((p) => p.name),
      ),
      validators: backend.validator.getRequestValidatorsForOperation(operationId),
    };
  });

  const templates: Template[] = [];
  for (const route of routes) {
    let template = templates.find((t) => t.literal === route.path);
    if (!template) {
      const names: string[] = [];
      const hasParams = route.path.includes('{');
      const source = route.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const param = /^\{([^}]+)\}$/.exec(part);
          if (param) {
            names.push(param[1]!);
            return '([^/]+)';
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      template = {
        literal: route.path,
        pattern: hasParams ? new RegExp(`^${source}$`) : null,
        names,
        byMethod: new Map(),
        specificity: route.path.replace(/\{[^}]+\}/g, '').length,
      };
      templates.push(template);
    }
    template.byMethod.set(route.method, route);
  }
  // Literal paths first, then the most specific templates (`/customers/actions/x` before `/customers/{id}`).
  templates.sort(
    (a, b) => Number(a.pattern !== null) - Number(b.pattern !== null) || b.specificity - a.specificity,
  );
  const literals = new Map(templates.filter((t) => t.pattern === null).map((t) => [t.literal, t]));
  const patterned = templates.filter((t) => t.pattern !== null);
  const byId = new Map(routes.map((r) => [r.operationId, r]));

  function match(method: string, relativePath: string): RouteMatch {
    const path =
      relativePath.length > 1 && relativePath.endsWith('/') ? relativePath.slice(0, -1) : relativePath;
    const verb = method.toLowerCase();
    let pathMatched = false;
    const literal = literals.get(path);
    if (literal) {
      const route = literal.byMethod.get(verb);
      if (route) return { kind: 'found', route, pathParams: {} };
      pathMatched = true;
    }
    for (const template of patterned) {
      const found = template.pattern!.exec(path);
      if (!found) continue;
      const route = template.byMethod.get(verb);
      if (!route) {
        pathMatched = true;
        continue;
      }
      const pathParams: Record<string, string> = {};
      template.names.forEach((name, i) => {
        pathParams[name] = safeDecode(found[i + 1]!);
      });
      return { kind: 'found', route, pathParams };
    }
    return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
  }

  return {
    backend,
    definition,
    routes,
    match,
    route(operationId) {
      const route = byId.get(operationId);
      if (!route) throw new Error(`unknown operation ${operationId}`);
      return route;
    },
  };
}

function interfaceMark(value: unknown): ApiInterface | undefined {
  return value === 'customer' || value === 'enterprise' ? value : undefined;
}

/** Formats the contract uses that ajv does not know; a calendar date must be a real one. */
export function addContractFormats<
  T extends {
    addFormat(name: string, format: { type: 'string'; validate: (value: string) => boolean }): unknown;
  },
>(ajv: T): T {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  return ajv;
}

export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function listItemFields(operation: Operation): string[] {
  const responses = operation.responses as Record<
    string,
    { content?: Record<string, { schema?: SchemaNode }> }
  >;
  const data = responses['200']?.content?.['application/json']?.schema?.properties?.data;
  for (const property of Object.values(data?.properties ?? {})) {
    if (property.type === 'array' && property.items?.properties)
      return Object.keys(property.items.properties);
  }
  return [];
}

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  allOf?: SchemaNode[];
}

function requiredPaths(schema: unknown, prefix: string[], depth = 0): string[][] {
  const node = schema as SchemaNode;
  if (!node || typeof node !== 'object' || depth > 8) return [];
  const out: string[][] = [];
  for (const part of node.allOf ?? []) out.push(...requiredPaths(part, prefix, depth + 1));
  for (const name of node.required ?? []) out.push([...prefix, name]);
  for (const [name, child] of Object.entries(node.properties ?? {}))
    out.push(...requiredPaths(child, [...prefix, name], depth + 1));
  if (node.items) out.push(...requiredPaths(node.items, [...prefix, '*'], depth + 1));
  return out;
}
