// Starts an embedded CareCloud sandbox on a free port for a test, and stops it.
//   const sandbox = await startTestSandbox();      // control on, rate limit off
//   afterAll(() => sandbox.close());
//   sandbox.baseUrl, sandbox.credentials, sandbox.control.failNext(503, 2), ...
// `sandbox.call()` is a plain-fetch caller that logs in once and checks every response
// it receives against the contract (throws on drift).
import type { operations } from '../../shared/carecloud/api-types.ts';
import { loadContract } from '../../sandbox/contract.ts';
import type { ErrorBody } from '../../sandbox/errors.ts';
import { responseValidator, type ResponseCheck } from '../../sandbox/response-validation.ts';
import {
  startSandbox,
  type Sandbox,
  type SandboxControl,
  type SandboxOptions,
} from '../../sandbox/server.ts';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<R> = 200 extends keyof R ? Json<R[200]> : 201 extends keyof R ? Json<R[201]> : never;
type DeepRequired<T> = T extends (infer U)[]
  ? DeepRequired<U>[]
  : T extends object
    ? { [K in keyof T]-?: DeepRequired<T[K]> }
    : T;

/** The success body of an operation, every field assumed present (tests read what they expect). */
export type OkBody<K extends keyof operations> = DeepRequired<Success<operations[K]['responses']>>;
export type { ErrorBody };

export interface CallOptions {
  query?: Record<string, string | number | boolean | (string | number)[]>;
  body?: unknown;
  headers?: Record<string, string>;
  /** false sends no Authorization header; a string sends that token. */
  token?: string | false;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestSandbox extends Sandbox {
  control: SandboxControl;
  /** A valid bearer token (logs in on first use and after `forgetToken()`). */
  token(): Promise<string>;
  forgetToken(): void;
  call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  /** The same on the Customer API: `token` is a device token (no token is sent without one). */
  customerCall<T = unknown>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  /** operationIds whose responses were checked against the contract. */
  checkedOperations: Set<string>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ rateLimit: null, ...options, control: true });
  const contract = await loadContract();
  const check: ResponseCheck = responseValidator(contract);
  let token: string | null = null;
  const checkedOperations = new Set<string>();

  async function login(): Promise<string> {
    const res = await fetch(`${sandbox.baseUrl}/users/actions/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(sandbox.credentials),
    });
    const body = (await res.json()) as { data?: { bearer_token?: string } };
    if (res.status !== 200 || !body.data?.bearer_token)
      throw new Error(`sandbox login failed with ${res.status}`);
    return body.data.bearer_token;
  }

  async function call<T>(
    method: string,
    path: string,
    options: CallOptions = {},
    base = sandbox.baseUrl,
  ): Promise<CallResult<T>> {
    const url = new URL(`${base}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${name}[]`, String(item));
      else url.searchParams.append(name, String(value));
    }
    const headers: Record<string, string> = { ...options.headers };
    if (base === sandbox.customerBaseUrl) {
      if (typeof options.token === 'string') headers.Authorization = `Bearer ${options.token}`;
    } else if (options.token !== false)
      headers.Authorization = `Bearer ${typeof options.token === 'string' ? options.token : await sandboxToken()}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await res.text();
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    const match = contract.match(method, url.pathname.slice(new URL(base).pathname.length));
    if (match.kind === 'found') {
      const problems = check(match.route.operationId, res.status, body ?? null);
      if (problems.length > 0)
        throw new Error(
          `${method} ${path} answered ${res.status} outside the contract: ${problems.join('; ')}`,
        );
      checkedOperations.add(match.route.operationId);
    }
    if (res.status >= 400 && res.status !== 405 && res.status !== 404 && !isErrorEnvelope(body)) {
      if (!(res.status >= 500 && body === undefined))
        throw new Error(`${method} ${path} answered ${res.status} without the error envelope`);
    }
    return { status: res.status, headers: res.headers, body: body as T };
  }

  async function sandboxToken(): Promise<string> {
    token ??= await login();
    return token;
  }

  return {
    ...sandbox,
    control: sandbox.control!,
    token: sandboxToken,
    forgetToken: () => {
      token = null;
    },
    call,
    customerCall: (method, path, options) => call(method, path, options, sandbox.customerBaseUrl),
    checkedOperations,
  };
}

function isErrorEnvelope(body: unknown): boolean {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  return (
    !!error &&
    ['type', 'exception', 'title', 'detail'].every((k) => typeof error[k] === 'string') &&
    typeof error.error_data === 'object'
  );
}
