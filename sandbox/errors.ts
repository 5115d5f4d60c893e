// CareCloud's error envelope: `{ error: { type, exception, title, detail, error_data } }`.
// Handlers throw ApiError; the pipeline turns it into the response.

export interface InvalidParam {
  name: string;
  reason: string;
  value: string;
  message: string;
}

export interface ErrorBody {
  error: {
    type: string;
    exception: string;
    title: string;
    detail: string;
    error_data: Record<string, unknown>;
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.error.detail);
    this.name = 'ApiError';
  }
}

function envelope(exception: string, title: string, detail: string, errorData: Record<string, unknown> = {}): ErrorBody {
  return { error: { type: 'about:blank', exception, title, detail, error_data: errorData } };
}

/** The wire form of a parameter value: a string, whatever the request sent. */
export function wireValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function badRequest(params: InvalidParam[]): ApiError {
  const detail = params.map((p) => `${p.name}: ${p.reason}`).join(', ');
  return new ApiError(400, envelope('bad_request_exception', 'Bad request', `Invalid parameters (${detail}).`, { invalid_params: params }));
}

/** One refused parameter, e.g. `invalid('bill_id', 'already_exists', billId)`. */
export function invalid(name: string, reason: string, value?: unknown, message?: string): ApiError {
  return badRequest([{ name, reason, value: wireValue(value), message: message ?? defaultMessage(name, reason) }]);
}

function defaultMessage(name: string, reason: string): string {
  return `Parameter ${name} was refused: ${reason.replaceAll('_', ' ')}.`;
}

export function unauthorized(detail: string): ApiError {
  return new ApiError(401, envelope('unauthorized_exception', 'Unauthorized', detail), { 'WWW-Authenticate': 'Bearer' });
}

export function resourceNotFound(resourceName: string, resourceId: string): ApiError {
  return new ApiError(404, envelope('not_found_exception', 'Not found', `The ${resourceName} ${resourceId} does not exist.`, { resource_name: resourceName, resource_id: resourceId }));
}

export function routeNotFound(path: string): ApiError {
  return new ApiError(404, envelope('not_found_exception', 'Not found', `No resource at ${path}.`, { resource_name: path }));
}

export function methodNotAllowed(method: string, path: string): ApiError {
  return new ApiError(405, envelope('method_not_allowed_exception', 'Method not allowed', `${method} is not supported on ${path}.`, { http_method: method }));
}

export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(429, envelope('too_many_requests_exception', 'Too many requests', `Rate limit exceeded; retry after ${retryAfterSeconds} s.`), {
    'Retry-After': String(retryAfterSeconds),
  });
}

export function serverFault(status: 500 | 503): ApiError {
  return status === 503
    ? new ApiError(503, envelope('service_unavailable_exception', 'Service unavailable', 'The service is temporarily unavailable.'), { 'Retry-After': '1' })
    : new ApiError(500, envelope('internal_server_error_exception', 'Internal server error', 'The server failed to process the request.'));
}
