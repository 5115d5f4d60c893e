// Contract validation of one request, mapped to CareCloud's 400 reasons:
// missing => required, "" => empty, wrong type/pattern/format => invalid_value_format,
// outside enum or bounds => not_allowed_value.
import type { Route } from './contract.ts';
import { badRequest, invalidArgument, jsonType, wireValue, type InvalidParam } from './errors.ts';

export interface RawRequest {
  method: string;
  /** Full path with the query string, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface ValidRequest {
  query: Record<string, unknown>;
  body: unknown;
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const formatKeywords = new Set(['type', 'format', 'pattern', 'parse', 'oneOf', 'anyOf']);

/**
 * Runs the operation's precompiled validators on the request. The parameters object is
 * built here (the shape openapi-backend compiles for: path, query, header, cookie,
 * requestBody) because its own request parsing costs more than the validation itself.
 */
export function validateRequest(
  route: Route,
  request: RawRequest,
  pathParams: Record<string, string>,
): ValidRequest {
  const query = parseQuery(request.url, route.arrayQuery);
  const parameters: Record<string, unknown> = {
    path: pathParams,
    query,
    header: request.headers,
    cookie: {},
  };
  if (request.body !== undefined) parameters.requestBody = request.body;
  const errors: AjvError[] = [];
  for (const validate of route.validators) {
    // The parameter validator coerces query values in place (count "5" becomes 5).
    if (!validate(parameters) && validate.errors) errors.push(...(validate.errors as AjvError[]));
  }
  const result = { errors: errors.length > 0 ? errors : null, coerced: { query } };
  const problems: InvalidParam[] = [];
  const seen = new Set<string>();
  const add = (p: InvalidParam) => {
    const key = `${p.name}|${p.reason}|${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  };
  // A null where the contract wants another type is CareCloud's argument exception, not a reason in invalid_params.
  const nullArgument = result.errors?.find(
    (e) =>
      e.keyword === 'type' &&
      e.instancePath.startsWith('/requestBody/') &&
      valueAt(request.body, e.instancePath.split('/').slice(2)) === null,
  );
  if (nullArgument) {
    const path = nullArgument.instancePath
      .split('/')
      .slice(2)
      .filter((s) => !/^\d+$/.test(s));
    const expected = Array.isArray(nullArgument.params.type)
      ? nullArgument.params.type.join('|')
      : String(nullArgument.params.type);
    throw invalidArgument(path[path.length - 1] ?? 'body', expected, jsonType(null));
  }
  const validated = result.errors ? null : result.coerced.query;
  for (const error of result.errors ?? []) add(toInvalidParam(error, request));
  for (const name of route.requiredQuery) {
    const value = validated ? validated[name] : undefined;
    if (value === '') add({ name, reason: 'empty', value: '', message: `${name} must not be empty.` });
  }
  if (request.body !== undefined) {
    for (const path of route.requiredBodyPaths) {
      for (const where of emptyAt(request.body, path, 0, [], []))
        add({
          name: path[path.length - 1]!,
          reason: 'empty',
          value: '',
          message: `${where} must not be empty.`,
        });
    }
  }
  if (problems.length > 0) throw badRequest(problems);
  return { query, body: request.body };
}

/** `a=1&b[]=x&b[]=y` as `{ a: '1', b: ['x', 'y'] }`; array parameters are always arrays. */
export function parseQuery(url: string, arrayNames: ReadonlySet<string>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const at = url.indexOf('?');
  if (at < 0) return query;
  for (const [rawKey, value] of new URLSearchParams(url.slice(at + 1))) {
    const bracketed = rawKey.endsWith('[]');
    const key = bracketed ? rawKey.slice(0, -2) : rawKey;
    const existing = query[key];
    if (Array.isArray(existing)) existing.push(value);
    else if (existing !== undefined) query[key] = [existing, value];
    else query[key] = bracketed || arrayNames.has(key) ? [value] : value;
  }
  return query;
}

function toInvalidParam(error: AjvError, request: RawRequest): InvalidParam {
  const segments = error.instancePath.split('/').slice(1);
  const [where, ...rest] = segments;
  if (error.keyword === 'additionalProperties') {
    const extra = String(error.params.additionalProperty);
    return {
      name: extra,
      reason: 'not_allowed_value',
      value: wireValue(queryValue(request.url, extra)),
      message: `${extra} is not a parameter of this operation.`,
    };
  }
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    const path = [...rest, missing].join('.');
    return { name: missing, reason: 'required', value: '', message: `${path} is required.` };
  }
  const named = rest.filter((s) => !/^\d+$/.test(s));
  const name = named[named.length - 1] ?? where ?? 'body';
  const value = where === 'requestBody' ? valueAt(request.body, rest) : queryValue(request.url, rest[0]);
  const reason = formatKeywords.has(error.keyword) ? 'invalid_value_format' : 'not_allowed_value';
  return {
    name,
    reason,
    value: wireValue(value),
    message: `${rest.join('.') || 'body'} ${error.message ?? 'is invalid'}.`,
  };
}

function valueAt(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function queryValue(url: string, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const params = new URLSearchParams(url.slice(q + 1));
  return params.get(name) ?? params.get(`${name}[]`) ?? undefined;
}

/** Where along `path` (`*` = every item) the request holds an empty string. */
function emptyAt(node: unknown, path: string[], depth: number, trail: string[], found: string[]): string[] {
  if (depth === path.length) {
    if (node === '') found.push(trail.join('.'));
    return found;
  }
  if (node === null || typeof node !== 'object') return found;
  const key = path[depth]!;
  if (key === '*') {
    if (!Array.isArray(node)) return found;
    for (let i = 0; i < node.length; i += 1) {
      trail.push(String(i));
      emptyAt(node[i], path, depth + 1, trail, found);
      trail.pop();
    }
    return found;
  }
  if (Array.isArray(node)) return found;
  trail.push(key);
  emptyAt((node as Record<string, unknown>)[key], path, depth + 1, trail, found);
  trail.pop();
  return found;
}
