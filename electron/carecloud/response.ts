// Turning what came back over the wire into CareCloud data or a typed failure. Anything
// that is not CareCloud's JSON envelope is an UnexpectedResponseError, never a crash.
import {
  AuthenticationError,
  CareCloudError,
  INTERFACE_NOT_ALLOWED,
  InterfaceNotAllowedError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  type CareCloudErrorBody,
  type ConnectionFailureKind,
  type InvalidParam,
  type RequestInfo,
} from './errors.ts';

/**
 * Largest response body read. CareCloud pages are at most a few hundred records, well
 * under 1 MiB; anything past 4 MiB is not an answer the terminal can use, and reading
 * stops there instead of filling memory.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * The body as text, refusing to read more than `limit` bytes. `armDeadline` receives a
 * cancel function to call when the body takes too long; reading then stops.
 */
export async function readBodyCapped(
  response: Response,
  limit: number,
  armDeadline?: (cancel: () => void) => void,
): Promise<string> {
  const lengthHeader = response.headers.get('content-length');
  if (lengthHeader !== null && Number(lengthHeader) > limit) {
    await response.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(`response of ${lengthHeader} bytes is over the ${limit}-byte limit`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  armDeadline?.(() => void reader.cancel().catch(() => {}));
  let first: Uint8Array | undefined;
  let chunks: Uint8Array[] | undefined;
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(`response is over the ${limit}-byte limit`);
    }
    if (first === undefined) first = value;
    else (chunks ??= [first]).push(value);
  }
  if (chunks) return Buffer.concat(chunks, size).toString('utf8');
  return first ? Buffer.from(first.buffer, first.byteOffset, first.byteLength).toString('utf8') : '';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

function paramName(name: unknown): string {
  if (typeof name === 'string') return name;
  if (Array.isArray(name)) return name.map(String).join('.');
  if (typeof name === 'number' || typeof name === 'boolean') return String(name);
  return name === undefined || name === null ? '' : JSON.stringify(name);
}

/** CareCloud's `error` object, normalised: every invalid_params entry kept with name, reason, value, message. */
export function parseErrorBody(error: Record<string, unknown>): CareCloudErrorBody {
  const errorData = isRecord(error.error_data) ? error.error_data : undefined;
  const invalidParams: InvalidParam[] = [];
  const raw = errorData?.invalid_params;
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (!isRecord(entry)) continue;
      invalidParams.push({
        name: paramName(entry.name),
        reason: optionalString(entry.reason) ?? '',
        value: entry.value,
        message: optionalString(entry.message),
      });
    }
  }
  const exception = optionalString(error.exception);
  // Argument exceptions name the parameter in error_data instead of invalid_params; callers branch on one list.
  if (
    invalidParams.length === 0 &&
    errorData &&
    typeof errorData.parameter === 'string' &&
    exception?.endsWith('_argument_exception')
  ) {
    invalidParams.push({
      name: errorData.parameter,
      reason: exception.slice(0, -'_exception'.length),
      value: errorData.actual_type ?? errorData.object_of_parameter,
      message: optionalString(error.detail),
    });
  }
  return {
    type: optionalString(error.type),
    exception,
    title: optionalString(error.title),
    detail: optionalString(error.detail),
    invalid_params: invalidParams,
    error_data: errorData,
  };
}

function careCloudErrorFor(
  status: number,
  body: CareCloudErrorBody,
  rawBody: string,
  request: RequestInfo,
  retryAfterMs: number | undefined,
): CareCloudError {
  if (status === 400) return new InvalidRequestError(status, body, rawBody, request);
  // CareCloud names this refusal in `type` (its Forbidden answer has no `exception`).
  if (status === 403 && (body.type === INTERFACE_NOT_ALLOWED || body.exception === INTERFACE_NOT_ALLOWED))
    return new InterfaceNotAllowedError(status, body, rawBody, request);
  if (status === 401 || status === 403) return new AuthenticationError(status, body, rawBody, request);
  if (status === 404 || status === 405) return new NotFoundError(status, body, rawBody, request);
  if (status === 429) {
    const error = new RateLimitError(status, body, rawBody, request);
    error.retryAfterMs = retryAfterMs;
    return error;
  }
  if (status >= 500) {
    const error = new ServerError(status, body, rawBody, request);
    error.retryAfterMs = retryAfterMs;
    return error;
  }
  return new CareCloudError(status, body, rawBody, request);
}

// These statuses say enough on their own; CareCloud documents 429 and 503 without a body.
const MEANINGFUL_WITHOUT_BODY = new Set([401, 403, 429, 500, 502, 503, 504]);

export interface WireAnswer {
  status: number;
  contentType: string;
  text: string;
  retryAfterMs: number | undefined;
}

/** The `data` of a successful answer, or throws the failure the answer stands for. */
export function interpretAnswer(answer: WireAnswer, request: RequestInfo): unknown {
  const { status, contentType, text } = answer;
  const unexpected = (why: string, cause?: unknown) =>
    new UnexpectedResponseError(
      status,
      contentType,
      text.slice(0, 2000),
      `CareCloud ${request.method} ${request.path}: ${why} (HTTP ${status})`,
      request,
      cause === undefined ? undefined : { cause },
    );

  if (text.length === 0 || (text.length < 16 && text.trim() === '')) {
    if (status === 204 || status === 205) return undefined;
    if (MEANINGFUL_WITHOUT_BODY.has(status)) {
      throw careCloudErrorFor(status, { invalid_params: [] }, '', request, answer.retryAfterMs);
    }
    throw unexpected('empty answer');
  }
  if (!/\bjson\b/i.test(contentType))
    throw unexpected(`answer is ${contentType || 'of no declared type'}, not JSON`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unexpected('answer is not valid JSON', error);
  }
  if (!isRecord(parsed)) throw unexpected('answer is not a JSON object');
  if (status >= 200 && status < 300) {
    if (!('data' in parsed)) throw unexpected('answer has no "data" envelope');
    return parsed.data;
  }
  if (isRecord(parsed.error)) {
    throw careCloudErrorFor(status, parseErrorBody(parsed.error), text, request, answer.retryAfterMs);
  }
  if (MEANINGFUL_WITHOUT_BODY.has(status))
    throw careCloudErrorFor(status, { invalid_params: [] }, text, request, answer.retryAfterMs);
  throw unexpected('error answer has no "error" envelope');
}

const CONNECTION_CODES: Record<string, ConnectionFailureKind> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_FAIL: 'dns',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  EPROTO: 'tls',
};

/** What kind of "could not reach CareCloud" an error from fetch is. */
export function classifyTransportError(error: unknown): ConnectionFailureKind {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (isRecord(current) || current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string') {
        const known = CONNECTION_CODES[code];
        if (known) return known;
        if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_VERIFY|DEPTH_ZERO|SELF_SIGNED)/.test(code)) return 'tls';
      }
      const message = (current as { message?: unknown }).message;
      if (message === 'terminated' || message === 'other side closed') return 'reset';
      // Several addresses tried at once (IPv4 and IPv6) fail as one AggregateError.
      const errors = (current as { errors?: unknown }).errors;
      if (Array.isArray(errors) && errors.length > 0) {
        const kinds = errors.map(classifyTransportError);
        return kinds.find((k) => k !== 'network') ?? 'network';
      }
      current = (current as { cause?: unknown }).cause;
    } else {
      break;
    }
  }
  return 'network';
}

export function connectionError(
  kind: ConnectionFailureKind,
  request: RequestInfo,
  cause: unknown,
  timeoutMs?: number,
): ConnectionError {
  const what: Record<ConnectionFailureKind, string> = {
    refused: 'connection refused',
    dns: 'host name not found',
    timeout: `no complete answer within ${timeoutMs ?? '?'} ms`,
    reset: 'connection broken before a complete answer',
    tls: 'secure connection failed',
    network: 'network error',
  };
  return new ConnectionError(
    kind,
    `Could not reach CareCloud (${what[kind]}) on ${request.method} ${request.path}`,
    request,
    { cause },
  );
}
