// Contract validation of one request, mapped to CareCloud's 400 reasons:
// missing => required, "" => empty, wrong type/pattern/format => invalid_value_format,
// outside enum or bounds => not_allowed_value.
import type { Contract, Route } from './contract.ts';
import { badRequest, wireValue, type InvalidParam } from './errors.ts';

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

export function validateRequest(contract: Contract, route: Route, request: RawRequest): ValidRequest {
  const result = contract.backend.validator.validateRequest(
    { method: request.method, path: request.url, headers: request.headers as Record<string, string | string[]>, body: request.body as object },
    route.operation,
  );
  const problems: InvalidParam[] = [];
  const seen = new Set<string>();
  const add = (p: InvalidParam) => {
    const key = `${p.name}|${p.reason}|${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  };
  const validated = result.errors ? null : ((result.coerced?.query ?? {}) as Record<string, unknown>);
  const query = validated ?? {};
  for (const error of (result.errors ?? []) as AjvError[]) add(toInvalidParam(error, request));
  for (const name of route.requiredQuery) {
    const value = validated ? query[name] : undefined;
    if (value === '') add({ name, reason: 'empty', value: '', message: `${name} must not be empty.` });
  }
  for (const path of route.requiredBodyPaths) {
    for (const [where, value] of valuesAt(request.body, path, [])) {
      if (value === '') add({ name: path[path.length - 1]!, reason: 'empty', value: '', message: `${where} must not be empty.` });
    }
  }
  if (problems.length > 0) throw badRequest(problems);
  return { query, body: request.body };
}

function toInvalidParam(error: AjvError, request: RawRequest): InvalidParam {
  const segments = error.instancePath.split('/').slice(1);
  const [where, ...rest] = segments;
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    const path = [...rest, missing].join('.');
    return { name: missing, reason: 'required', value: '', message: `${path} is required.` };
  }
  const named = rest.filter((s) => !/^\d+$/.test(s));
  const name = named[named.length - 1] ?? where ?? 'body';
  const value = where === 'requestBody' ? valueAt(request.body, rest) : queryValue(request.url, rest[0]);
  const reason = formatKeywords.has(error.keyword) ? 'invalid_value_format' : 'not_allowed_value';
  return { name, reason, value: wireValue(value), message: `${rest.join('.') || 'body'} ${error.message ?? 'is invalid'}.` };
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

function* valuesAt(node: unknown, path: string[], where: string[]): Generator<[string, unknown]> {
  if (path.length === 0) {
    yield [where.join('.'), node];
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const [head, ...tail] = path as [string, ...string[]];
  if (head === '*') {
    if (!Array.isArray(node)) return;
    for (let i = 0; i < node.length; i += 1) yield* valuesAt(node[i], tail, [...where, String(i)]);
    return;
  }
  if (Array.isArray(node)) return;
  yield* valuesAt((node as Record<string, unknown>)[head], tail, [...where, head]);
}
