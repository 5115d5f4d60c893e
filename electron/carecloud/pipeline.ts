// The one road every CareCloud call takes: cache and in-flight sharing for GETs, the
// bearer token, one attempt over ky, error mapping, a log line, and our retry policy.
// Resource modules only name method, path and types.
import { randomUUID } from 'node:crypto';
import ky, { TimeoutError, type KyInstance, type Options as KyOptions } from 'ky';
import { acceptLanguage, type Language } from '../../shared/i18n/language.ts';
import type { Timeouts } from '../../shared/settings.ts';
import { maskPath, maskText, maskTokenSegment } from '../log/mask.ts';
import type { LogFields, Logger } from '../log/logger.ts';
import { ResponseCache, cacheLifetimeSeconds } from './cache.ts';
import { spokenLanguage } from './language.ts';
import {
  AuthenticationError,
  CareCloudError,
  CareCloudFailure,
  ConnectionError,
  UnexpectedResponseError,
  type RequestInfo,
} from './errors.ts';
import {
  BodyTooLargeError,
  MAX_BODY_BYTES,
  classifyTransportError,
  connectionError,
  interpretAnswer,
  readBodyCapped,
} from './response.ts';
import { parseRetryAfter, planRetry, type RetryPolicy } from './retry.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[] | undefined | null;
export type QueryParams = { [name: string]: QueryValue };

/** What kind of wait a call may impose on the cashier; picks the timeout setting. */
export type CallPurpose = 'lookup' | 'closure' | 'login';

export interface CallOptions {
  /** `false`: one attempt only (the caller runs its own backoff); or fewer/more attempts than the policy. */
  retry?: false | { maxAttempts: number };
  /** Per-attempt time limit, overriding the setting for this call's purpose. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** GET only: skip the response cache and in-flight sharing. */
  fresh?: boolean;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Path below the versioned base URL, path parameters already encoded. */
  path: string;
  query?: QueryParams;
  body?: unknown;
  /** A POST/PUT that may be repeated without doubling its effect (send-purchase through bill_id). */
  idempotent?: boolean;
  /** Defaults to true; login and the connection test go without a token. */
  authenticated?: boolean;
  /** A specific token instead of the session's (logout of a session already forgotten). */
  bearerToken?: string;
  /** Another API root than the pipeline's (logout of a session at the project the settings left). */
  baseUrl?: string;
  purpose?: CallPurpose;
}

export interface Answer<T> {
  data: T;
  status: number;
  headers: Headers;
}

export interface TokenSource {
  token(): Promise<string>;
  /** The token `stale` was refused: get a new one, shared with every other caller that saw it refused. */
  refresh(stale: string): Promise<string>;
}

/** What a settings change may swap in a running pipeline, without dropping its session or caches. */
export interface PipelineSettings {
  baseUrl: string;
  language: Language;
  timeouts: Timeouts;
  retry: RetryPolicy;
}

export interface PipelineOptions {
  /** `{project}/webservice/rest-api/{interface}/v1.0` */
  baseUrl: string;
  /** The saved language; a call made while `speaking` another language asks for that one. */
  language: Language;
  timeouts: Timeouts;
  retry: RetryPolicy;
  logger: Logger;
  maxBodyBytes?: number;
  fetch?: typeof fetch;
  /** Injected in tests so waits and clocks are not real. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/**
 * Why CareCloud said no, for the log: the exception, the title and each refused parameter's
 * name and reason, plus the argument exceptions' types. Never a value or the free-text
 * detail, which may quote one (an e-mail, a card number, a name).
 */
export function refusalFields(error: unknown): LogFields {
  if (error instanceof CareCloudError) {
    const { exception, title, invalid_params: params, error_data: data } = error.body;
    const text = (value: unknown) => (typeof value === 'string' ? maskText(value) : undefined);
    return {
      exception: text(exception),
      title: text(title),
      reasons: params.length > 0 ? maskText(params.map((p) => `${p.name}:${p.reason}`).join(',')) : undefined,
      parameter: text(data?.parameter),
      expectedType: text(data?.expected_type),
      actualType: text(data?.actual_type),
    };
  }
  if (error instanceof UnexpectedResponseError) return { contentType: error.contentType || undefined };
  return {};
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/** Path plus query string, parameters sorted (a stable cache key), arrays as `name[]=a&name[]=b`. */
export function pathWithQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const arrayKey = encodeKey(key.endsWith('[]') ? key : `${key}[]`);
      for (const item of value as readonly QueryScalar[])
        parts.push(`${arrayKey}=${encodeURIComponent(String(item))}`);
    } else {
      parts.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

export class Pipeline {
  readonly #cache: ResponseCache;
  readonly #inFlight = new Map<string, Promise<Answer<unknown>>>();
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #maxBody: number;
  // One ky instance per language and token with its headers built in: merging headers is
  // the costliest part of ky's per-call work, so calls pass only method, timeout and body.
  readonly #languageKy = new Map<Language, KyInstance>();
  readonly #tokenKy = new Map<Language, { token: string; ky: KyInstance }>();
  #tokens: TokenSource | undefined;
  #ky: KyInstance;
  #settings: PipelineSettings;
  // Bumped when the API root changes: answers begun before it are not the new project's to share or keep.
  #project = 0;

  constructor(private readonly options: PipelineOptions) {
    this.#sleep = options.sleep ?? sleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.#cache = new ResponseCache(this.#now);
    this.#settings = {
      baseUrl: options.baseUrl,
      language: options.language,
      timeouts: options.timeouts,
      retry: options.retry,
    };
    this.#ky = this.#kyAt(options.baseUrl);
  }

  #kyAt(baseUrl: string): KyInstance {
    return ky.create({
      prefix: baseUrl,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      headers: { accept: 'application/json' },
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
  }

  get settings(): PipelineSettings {
    return this.#settings;
  }

  /**
   * Takes new settings for the calls made from now on; calls already under way finish with
   * the ones they began with. The token and the cached answers stay, except that another API
   * root (another project) starts with an empty cache.
   */
  configure(next: PipelineSettings): void {
    const moved = next.baseUrl !== this.#settings.baseUrl;
    this.#settings = { ...next };
    if (!moved) return;
    this.#project += 1;
    this.#ky = this.#kyAt(next.baseUrl);
    this.#languageKy.clear();
    this.#tokenKy.clear();
    this.#cache.clear();
    this.#inFlight.clear();
  }

  useTokens(tokens: TokenSource): void {
    this.#tokens = tokens;
  }

  /** The `data` of CareCloud's answer. */
  async request<T>(spec: RequestSpec, options: CallOptions = {}): Promise<T> {
    return (await this.send<T>(spec, options)).data;
  }

  /** The `data` with status and headers, for callers that read a header (Date, Cache-Control). */
  send<T>(spec: RequestSpec, options: CallOptions = {}): Promise<Answer<T>> {
    const target = pathWithQuery(spec.path, spec.query);
    const language = this.language();
    if (spec.method !== 'GET' || options.fresh || options.signal)
      return this.#execute<T>(spec, target, language, options);
    // Names and messages come in the asked language: an answer is shared only within it.
    const key = `${language} ${target}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return Promise.resolve(cached as Answer<T>);
    const shared = this.#inFlight.get(key);
    if (shared) return shared as Promise<Answer<T>>;
    const call = this.#execute<T>(spec, target, language, options);
    this.#inFlight.set(key, call);
    const project = this.#project;
    const settle = (): boolean => {
      if (this.#inFlight.get(key) === call) this.#inFlight.delete(key);
      return project === this.#project;
    };
    // Callers await `call` itself; this only tidies up and fills the cache, and swallows nothing for them.
    call.then((answer) => {
      if (settle()) this.#cache.set(key, answer, cacheLifetimeSeconds(answer.headers.get('cache-control')));
    }, settle);
    return call;
  }

  /** The language a call made now asks CareCloud for. */
  language(): Language {
    return spokenLanguage() ?? this.#settings.language;
  }

  #kyFor(token: string | undefined, language: Language): KyInstance {
    let spoken = this.#languageKy.get(language);
    if (!spoken) {
      spoken = this.#ky.extend({ headers: { 'accept-language': acceptLanguage(language) } });
      this.#languageKy.set(language, spoken);
    }
    if (token === undefined) return spoken;
    const withToken = this.#tokenKy.get(language);
    if (withToken?.token === token) return withToken.ky;
    const ky = spoken.extend({ headers: { authorization: `Bearer ${token}` } });
    this.#tokenKy.set(language, { token, ky });
    return ky;
  }

  #kyElsewhere(baseUrl: string, token: string | undefined, language: Language): KyInstance {
    const headers: Record<string, string> = { 'accept-language': acceptLanguage(language) };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    return this.#kyAt(baseUrl).extend({ headers });
  }

  clearCache(): void {
    this.#cache.clear();
  }

  async #execute<T>(
    spec: RequestSpec,
    target: string,
    language: Language,
    options: CallOptions,
  ): Promise<Answer<T>> {
    const started = this.#now();
    const correlationId = randomUUID();
    const settings = this.#settings;
    const policy: RetryPolicy =
      options.retry === false
        ? { ...settings.retry, maxAttempts: 1 }
        : options.retry
          ? { ...settings.retry, maxAttempts: options.retry.maxAttempts }
          : settings.retry;
    const safeToRepeat = spec.method === 'GET' || spec.idempotent === true;
    const authenticated = spec.authenticated !== false;
    const purpose = spec.purpose ?? (spec.method === 'GET' ? 'lookup' : 'closure');
    const timeouts = settings.timeouts;
    const timeoutMs =
      options.timeoutMs ??
      (purpose === 'lookup'
        ? timeouts.lookupMs
        : purpose === 'closure'
          ? timeouts.closureMs
          : timeouts.loginMs);
    let attempt = 0;
    let counted = 0;
    let reloggedIn = false;

    for (;;) {
      attempt++;
      counted++;
      let token: string | undefined = spec.bearerToken;
      if (authenticated && token === undefined) {
        if (!this.#tokens)
          throw new Error('CareCloud pipeline has no token source for an authenticated call');
        token = await this.#tokens.token();
      }
      // Errors name the path; a Customer API token in it is a credential and stays out.
      const info: RequestInfo = {
        method: spec.method,
        path: maskTokenSegment(spec.path),
        correlationId,
        attempt,
      };
      try {
        return await this.#attempt<T>(spec, target, token, language, timeoutMs, options.signal, info);
      } catch (error) {
        if (!(error instanceof CareCloudFailure)) throw error;
        if (
          error instanceof AuthenticationError &&
          error.status === 401 &&
          authenticated &&
          spec.bearerToken === undefined &&
          token !== undefined &&
          !reloggedIn
        ) {
          // One fresh login and one more try; a second 401 is final.
          reloggedIn = true;
          counted--;
          await this.#tokens!.refresh(token);
          continue;
        }
        const status =
          error instanceof CareCloudError || error instanceof UnexpectedResponseError
            ? error.status
            : undefined;
        const delay = planRetry(
          {
            attempt: counted,
            safeToRepeat,
            outcome: { status, transportFailure: error instanceof ConnectionError },
            retryAfterMs:
              'retryAfterMs' in error && typeof error.retryAfterMs === 'number'
                ? error.retryAfterMs
                : undefined,
            elapsedMs: this.#now() - started,
          },
          policy,
          this.#random,
        );
        if (delay === null) throw error;
        await this.#sleep(delay, options.signal);
      }
    }
  }

  async #attempt<T>(
    spec: RequestSpec,
    target: string,
    token: string | undefined,
    language: Language,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
    info: RequestInfo,
  ): Promise<Answer<T>> {
    // ky's own timeout bounds the wait for headers; the body gets what is left of the
    // same budget. No signal of ours on the common path: that spares ky and undici a
    // combined signal and a second Request per call.
    const begun = performance.now();
    let bodyTimer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    let status: number | null = null;
    let outcome = 'ok';
    let refusal: LogFields = {};
    try {
      let response: Response;
      let text: string;
      try {
        const init: KyOptions = { method: spec.method, timeout: timeoutMs };
        if (callerSignal) init.signal = callerSignal;
        if (spec.body !== undefined) init.json = spec.body;
        const client =
          spec.baseUrl === undefined
            ? this.#kyFor(token, language)
            : this.#kyElsewhere(spec.baseUrl, token, language);
        response = await client(target.slice(1), init);
        status = response.status;
        const left = Math.max(1, timeoutMs - (performance.now() - begun));
        text = await readBodyCapped(response, this.#maxBody, (cancel) => {
          bodyTimer = setTimeout(() => {
            timedOut = true;
            cancel();
          }, left);
        });
        if (timedOut) throw new Error('answer body not complete in time');
      } catch (error) {
        if (callerSignal?.aborted) {
          outcome = 'aborted';
          throw callerSignal.reason;
        }
        if (error instanceof BodyTooLargeError) {
          const failure = new UnexpectedResponseError(
            status ?? 0,
            '',
            '',
            `CareCloud ${spec.method} ${info.path}: ${error.message}`,
            info,
            { cause: error },
          );
          outcome = failure.name;
          throw failure;
        }
        const kind = timedOut || error instanceof TimeoutError ? 'timeout' : classifyTransportError(error);
        outcome = `connection:${kind}`;
        throw connectionError(kind, info, error, timeoutMs);
      }
      const retryAfterMs =
        status === 429 || status === 503
          ? parseRetryAfter(response.headers.get('retry-after'), Date.now())
          : undefined;
      try {
        const data = interpretAnswer(
          { status, contentType: response.headers.get('content-type') ?? '', text, retryAfterMs },
          info,
        ) as T;
        return { data, status, headers: response.headers };
      } catch (error) {
        outcome = error instanceof Error ? error.name : 'error';
        refusal = refusalFields(error);
        throw error;
      }
    } finally {
      if (bodyTimer !== undefined) clearTimeout(bodyTimer);
      try {
        this.options.logger.log(outcome === 'ok' ? 'info' : 'warn', 'carecloud.call', {
          method: spec.method,
          path: maskPath(target),
          status,
          durationMs: Math.round((performance.now() - begun) * 10) / 10,
          attempt: info.attempt,
          correlationId: info.correlationId,
          outcome,
          ...refusal,
        });
      } catch {
        // A broken log must never turn into a failed sale.
      }
    }
  }
}
