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
    /** The envelope's `detail` in Czech; the body carries the English one. */
    readonly czechDetail?: string,
  ) {
    super(body.error.detail);
    this.name = 'ApiError';
  }

  /** The envelope in the language the caller asked for with Accept-Language. */
  bodyIn(lang: 'cs' | 'en'): ErrorBody {
    if (lang === 'en' || this.czechDetail === undefined) return this.body;
    return { error: { ...this.body.error, detail: this.czechDetail } };
  }
}

/** A detail in both languages CareCloud answers in. */
interface Detail {
  en: string;
  cs: string;
}

function envelope(
  exception: string,
  title: string,
  detail: string,
  errorData: Record<string, unknown> = {},
): ErrorBody {
  return { error: { type: 'about:blank', exception, title, detail, error_data: errorData } };
}

function apiError(
  status: number,
  exception: string,
  title: string,
  detail: Detail,
  errorData: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): ApiError {
  return new ApiError(status, envelope(exception, title, detail.en, errorData), headers, detail.cs);
}

/** The wire form of a parameter value: a string, whatever the request sent. */
export function wireValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function badRequest(params: InvalidParam[]): ApiError {
  const detail = params.map((p) => `${p.name}: ${p.reason}`).join(', ');
  return apiError(
    400,
    'bad_request_exception',
    'Bad request',
    { en: `Invalid parameters (${detail}).`, cs: `Neplatné parametry (${detail}).` },
    { invalid_params: params },
  );
}

/** The JSON type of a value as CareCloud names it in `actual_type`. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * A value of the wrong type where the contract wants another, e.g. null for a string (the conventions' argument
 * exception).
 */
export function invalidArgument(parameter: string, expectedType: string, actualType: string): ApiError {
  return apiError(
    400,
    'invalid_argument_exception',
    'Bad request',
    {
      en: `Parameter ${parameter} must be of type ${expectedType}, ${actualType} given.`,
      cs: `Parametr ${parameter} musí být typu ${expectedType}, zadáno ${actualType}.`,
    },
    { expected_type: expectedType, actual_type: actualType, parameter },
  );
}

/** One refused parameter, e.g. `invalid('bill_id', 'already_exists', billId)`. */
export function invalid(name: string, reason: string, value?: unknown, message?: string): ApiError {
  return badRequest([
    { name, reason, value: wireValue(value), message: message ?? defaultMessage(name, reason) },
  ]);
}

function defaultMessage(name: string, reason: string): string {
  return `Parameter ${name} was refused: ${reason.replaceAll('_', ' ')}.`;
}

const tokenProblems = {
  missing: { en: 'A bearer token is required.', cs: 'Je potřeba bearer token.' },
  expired: { en: 'The bearer token has expired.', cs: 'Platnost bearer tokenu vypršela.' },
  invalid: { en: 'The bearer token is not valid.', cs: 'Bearer token není platný.' },
} satisfies Record<string, Detail>;

export function unauthorized(problem: keyof typeof tokenProblems): ApiError {
  return apiError(
    401,
    'unauthorized_exception',
    'Unauthorized',
    tokenProblems[problem],
    {},
    { 'WWW-Authenticate': 'Bearer' },
  );
}

export function forbiddenApplication(): ApiError {
  return apiError(
    403,
    'forbidden_exception',
    'Forbidden',
    { en: 'The external application does not exist.', cs: 'Externí aplikace neexistuje.' },
    { invalid_resource_name: 'user_external_application_id', interface: 'enterprise-interface' },
  );
}

export function payloadTooLarge(headers: Record<string, string> = {}): ApiError {
  return apiError(
    413,
    'bad_request_exception',
    'Payload too large',
    { en: 'The request body is too large.', cs: 'Tělo požadavku je příliš velké.' },
    {},
    headers,
  );
}

export function resourceNotFound(resourceName: string, resourceId: string): ApiError {
  return apiError(
    404,
    'not_found_exception',
    'Not found',
    {
      en: `The ${resourceName} ${resourceId} does not exist.`,
      cs: `Záznam ${resourceName} ${resourceId} neexistuje.`,
    },
    { resource_name: resourceName, resource_id: resourceId },
  );
}

export function routeNotFound(path: string): ApiError {
  return apiError(
    404,
    'not_found_exception',
    'Not found',
    { en: `No resource at ${path}.`, cs: `Na ${path} není žádný zdroj.` },
    { resource_name: path },
  );
}

export function methodNotAllowed(method: string, path: string): ApiError {
  return apiError(
    405,
    'method_not_allowed_exception',
    'Method not allowed',
    { en: `${method} is not supported on ${path}.`, cs: `Metoda ${method} není na ${path} podporována.` },
    { http_method: method },
  );
}

export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return apiError(
    429,
    'too_many_requests_exception',
    'Too many requests',
    {
      en: `Rate limit exceeded; retry after ${retryAfterSeconds} s.`,
      cs: `Překročen limit požadavků; zkuste to znovu za ${retryAfterSeconds} s.`,
    },
    {},
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function serverFault(status: 500 | 503): ApiError {
  return status === 503
    ? apiError(
        503,
        'service_unavailable_exception',
        'Service unavailable',
        { en: 'The service is temporarily unavailable.', cs: 'Služba je dočasně nedostupná.' },
        {},
        { 'Retry-After': '1' },
      )
    : apiError(500, 'internal_server_error_exception', 'Internal server error', {
        en: 'The server failed to process the request.',
        cs: 'Server nedokázal požadavek zpracovat.',
      });
}

/**
 * 403 for a resource this interface does not serve: an Enterprise-only one asked on the
 * Customer API, a Customer-only one on the Enterprise API, or one the project has not
 * allowed on the Customer API. CareCloud names the refusal in `type`.
 */
export function interfaceNotAllowed(resourceName: string, apiInterface: 'customer' | 'enterprise'): ApiError {
  const api = apiInterface === 'customer' ? 'Customer' : 'Enterprise';
  const apiCs = apiInterface === 'customer' ? 'Customer API' : 'Enterprise API';
  return new ApiError(
    403,
    {
      error: {
        type: 'interface_not_allowed_exception',
        exception: 'interface_not_allowed_exception',
        title: `${api} API is not allowed for this resource`,
        detail: `Resource name "${resourceName}" is not allowed in ${api} API`,
        error_data: { invalid_resource_name: resourceName, interface: api },
      },
    },
    {},
    `Zdroj "${resourceName}" není v ${apiCs} povolen`,
  );
}

/** 401 on the Customer API: the device token is unknown (never created, or replaced by a newer one). */
export function unknownDeviceToken(): ApiError {
  return apiError(
    401,
    'unauthorized_exception',
    'Unauthorized',
    { en: 'The token is not valid.', cs: 'Token není platný.' },
    {},
    { 'WWW-Authenticate': 'Bearer' },
  );
}

/** 401 on the Customer API: the call needs a customer logged in on this token. */
export function noCustomerLoggedIn(): ApiError {
  return apiError(
    401,
    'unauthorized_exception',
    'Unauthorized',
    { en: 'No customer is logged in with this token.', cs: 'S tímto tokenem není přihlášen žádný zákazník.' },
    {},
    { 'WWW-Authenticate': 'Bearer' },
  );
}

/** The project has no such Customer API application. */
export function unknownApplication(): ApiError {
  return apiError(
    403,
    'forbidden_exception',
    'Forbidden',
    { en: 'The external application does not exist.', cs: 'Externí aplikace neexistuje.' },
    { invalid_resource_name: 'external_application_id', interface: 'Customer' },
  );
}
