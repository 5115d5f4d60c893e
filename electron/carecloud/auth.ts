// The enterprise bearer token: obtained by login, kept in memory only, renewed shortly
// before `valid_to`. Concurrent callers wait for one login instead of starting their own.
import { parseCareCloudDateTime } from '../../shared/datetime.ts';
import type { operations } from '../../shared/carecloud/api-types.ts';
import { UnexpectedResponseError } from './errors.ts';
import type { Answer, Pipeline, TokenSource } from './pipeline.ts';

export interface Credentials {
  externalApplicationId: string;
  login: string;
  password: string;
}

type LoginData = NonNullable<
  operations['postUserLogin']['responses'][200]['content']['application/json']['data']
>;

export interface LoginResult {
  token: string;
  /** `valid_to` as CareCloud sent it (project time zone, no offset). */
  validToText: string;
  validTo: Date;
  /** The server's Date header, for clock checks. */
  serverDate: Date | undefined;
  user: LoginData['user'];
}

/** Renew this long before `valid_to` so a call never leaves with a token about to lapse. */
export const RENEW_MARGIN_MS = 60_000;
/**
 * A `valid_to` already past by our clock (wrong zone or clock) still keeps the token this long; a 401 covers the rest.
 */
export const MIN_TOKEN_LIFETIME_MS = 5 * 60_000;

export async function logIn(
  pipeline: Pipeline,
  credentials: Credentials,
  timeZone: string,
): Promise<LoginResult> {
  const answer: Answer<LoginData | undefined> = await pipeline.send<LoginData | undefined>({
    method: 'POST',
    path: '/users/actions/login',
    body: {
      user_external_application_id: credentials.externalApplicationId,
      login: credentials.login,
      password: credentials.password,
    },
    authenticated: false,
    // Logging in twice has no lasting effect, so a lost answer may be retried.
    idempotent: true,
    purpose: 'login',
  });
  const data = answer.data;
  const request = { method: 'POST', path: '/users/actions/login', correlationId: '', attempt: 0 };
  const token = data && typeof data.bearer_token === 'string' ? data.bearer_token.trim() : '';
  if (token === '')
    throw new UnexpectedResponseError(
      answer.status,
      'application/json',
      '',
      'CareCloud login answered without a bearer token',
      request,
    );
  const validToText = typeof data?.valid_to === 'string' ? data.valid_to : '';
  const validTo = parseCareCloudDateTime(validToText, timeZone);
  if (!validTo)
    throw new UnexpectedResponseError(
      answer.status,
      'application/json',
      '',
      `CareCloud login answered with an unreadable valid_to "${validToText.slice(0, 40)}"`,
      request,
    );
  const dateHeader = answer.headers.get('date');
  const serverDate = dateHeader ? new Date(dateHeader) : undefined;
  return {
    token,
    validToText,
    validTo,
    serverDate: serverDate && !Number.isNaN(serverDate.getTime()) ? serverDate : undefined,
    user: data?.user,
  };
}

/** What a login told us, without the token. */
export type LoginFacts = Omit<LoginResult, 'token'>;

export class Session implements TokenSource {
  #current: { token: string; renewAt: number } | undefined;
  #lastLogin: LoginFacts | undefined;
  #loggingIn: Promise<string> | undefined;
  // Bumped by `end`: a login begun before it belongs to the session that ended.
  #generation = 0;

  constructor(
    private readonly login: () => Promise<LoginResult>,
    private readonly now: () => number = Date.now,
  ) {}

  token(): Promise<string> {
    if (this.#current && this.now() < this.#current.renewAt) return Promise.resolve(this.#current.token);
    return this.#logInOnce();
  }

  refresh(stale: string): Promise<string> {
    if (this.#current && this.#current.token !== stale) return Promise.resolve(this.#current.token);
    this.#current = undefined;
    return this.#logInOnce();
  }

  /** Forget the token (after logout or a settings change). */
  forget(): string | undefined {
    const token = this.#current?.token;
    this.#current = undefined;
    return token;
  }

  /**
   * Ends this session for good (the credentials or the project changed): its token, and the
   * token of a login still under way once it arrives, go to `logOut`; the next call logs in
   * anew. Callers already waiting for that login still get its token; a 401 then brings them
   * to the new session. Resolves once every `logOut` has.
   */
  end(logOut: (token: string) => unknown): Promise<void> {
    this.#generation += 1;
    const token = this.forget();
    const pending = this.#loggingIn;
    this.#loggingIn = undefined;
    this.#lastLogin = undefined;
    const loggedOut: unknown[] = [];
    if (token) loggedOut.push(logOut(token));
    if (pending) loggedOut.push(pending.then(logOut, () => {}));
    return Promise.all(loggedOut).then(() => {});
  }

  /** valid_to, server Date and user of the latest successful login. */
  get lastLogin(): LoginFacts | undefined {
    return this.#lastLogin;
  }

  get hasToken(): boolean {
    return this.#current !== undefined;
  }

  #logInOnce(): Promise<string> {
    if (!this.#loggingIn) {
      const generation = this.#generation;
      const attempt = this.login().then((result) => {
        if (generation !== this.#generation) return result.token;
        const now = this.now();
        const renewAt = Math.max(result.validTo.getTime() - RENEW_MARGIN_MS, now + MIN_TOKEN_LIFETIME_MS);
        this.#current = { token: result.token, renewAt };
        const { token: _token, ...facts } = result;
        this.#lastLogin = facts;
        return result.token;
      });
      this.#loggingIn = attempt;
      const clear = () => {
        if (this.#loggingIn === attempt) this.#loggingIn = undefined;
      };
      attempt.then(clear, clear);
    }
    return this.#loggingIn;
  }
}
