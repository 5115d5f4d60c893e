// The three ways a CareCloud call fails, kept apart because the offline logic
// branches on them: CareCloud said no (CareCloudError and subclasses), CareCloud
// could not be reached (ConnectionError), or something that is not CareCloud's
// API answered (UnexpectedResponseError).

export interface RequestInfo {
  method: string;
  /** Path below the versioned base URL, e.g. `/cards`. */
  path: string;
  correlationId: string;
  attempt: number;
}

export interface InvalidParam {
  name: string;
  reason: string;
  value?: unknown;
  message?: string;
}

export interface CareCloudErrorBody {
  type?: string;
  exception?: string;
  title?: string;
  detail?: string;
  invalid_params: InvalidParam[];
  /** The envelope's `error_data` as received (e.g. `parameter`, `expected_type` of argument exceptions). */
  error_data?: Record<string, unknown>;
}

export class CareCloudFailure extends Error {
  override name = 'CareCloudFailure';
  constructor(
    message: string,
    readonly request: RequestInfo,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** CareCloud answered with its error envelope. */
export class CareCloudError extends CareCloudFailure {
  override name = 'CareCloudError';
  constructor(
    readonly status: number,
    readonly body: CareCloudErrorBody,
    readonly rawBody: string,
    request: RequestInfo,
  ) {
    super(
      `CareCloud ${status} on ${request.method} ${request.path}: ` +
        `${body.title ?? body.exception ?? 'error'}${body.detail ? ` (${body.detail})` : ''}`,
      request,
    );
  }

  get invalidParams(): InvalidParam[] {
    return this.body.invalid_params;
  }

  /** True when some invalid_params entry carries this reason (and name, when given). */
  hasReason(reason: string, name?: string): boolean {
    return this.body.invalid_params.some(
      (p) => p.reason === reason && (name === undefined || p.name === name),
    );
  }
}

/** 400: the request was refused for a reason CareCloud names in invalid_params. */
export class InvalidRequestError extends CareCloudError {
  override name = 'InvalidRequestError';
}

/** 401 or 403: credentials or token refused, or the user may not do this. */
export class AuthenticationError extends CareCloudError {
  override name = 'AuthenticationError';
}

/**
 * 403 `interface_not_allowed_exception`: the resource is not served on this interface (an
 * Enterprise-only resource asked on the Customer API, or the reverse, or a method the
 * project has not allowed there). A set-up mistake, never worth a retry.
 */
export class InterfaceNotAllowedError extends AuthenticationError {
  override name = 'InterfaceNotAllowedError';

  /** The resource CareCloud named, e.g. `tokens`. */
  get resourceName(): string | undefined {
    const name = this.body.error_data?.invalid_resource_name;
    return typeof name === 'string' ? name : undefined;
  }
}

export const INTERFACE_NOT_ALLOWED = 'interface_not_allowed_exception';

/** 404 or 405 from CareCloud's own router. */
export class NotFoundError extends CareCloudError {
  override name = 'NotFoundError';
}

/** 429: slow down. `retryAfterMs` is CareCloud's hint when it sent one. */
export class RateLimitError extends CareCloudError {
  override name = 'RateLimitError';
  retryAfterMs: number | undefined;
}

/** 5xx answered in CareCloud's envelope. `retryAfterMs` is the hint a 503 may carry. */
export class ServerError extends CareCloudError {
  override name = 'ServerError';
  retryAfterMs: number | undefined;
}

export type ConnectionFailureKind = 'refused' | 'dns' | 'timeout' | 'reset' | 'tls' | 'network';

/** CareCloud could not be reached, or the connection broke before a full answer. */
export class ConnectionError extends CareCloudFailure {
  override name = 'ConnectionError';
  constructor(
    readonly kind: ConnectionFailureKind,
    message: string,
    request: RequestInfo,
    options?: ErrorOptions,
  ) {
    super(message, request, options);
  }
}

/** Something answered that is not CareCloud's API: an HTML proxy page, broken JSON, a wrong envelope. */
export class UnexpectedResponseError extends CareCloudFailure {
  override name = 'UnexpectedResponseError';
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly rawBody: string,
    message: string,
    request: RequestInfo,
    options?: ErrorOptions,
  ) {
    super(message, request, options);
  }
}
