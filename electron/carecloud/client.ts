// The CareCloud Enterprise API as the main process sees it: one pipeline, one session,
// thin resource modules on top.
import { join } from 'node:path';
import type { RetrySettings, Timeouts } from '../../shared/settings.ts';
import { defaultSettings } from '../../shared/settings.ts';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { Session, type Credentials } from './auth.ts';
import { Pipeline, type PipelineOptions, type PipelineSettings } from './pipeline.ts';
import { ReferenceStore } from './reference-store.ts';
import { cardsResource } from './resources/cards.ts';
import { customersResource } from './resources/customers.ts';
import { purchasesResource } from './resources/purchases.ts';
import { referenceResource } from './resources/reference.ts';
import { rewardsResource } from './resources/rewards.ts';
import { signupResource } from './resources/signup.ts';
import { testsResource } from './resources/tests.ts';
import { usersResource } from './resources/users.ts';
import { vouchersResource } from './resources/vouchers.ts';
import { walletResource } from './resources/wallet.ts';

export type ApiInterface = 'enterprise-interface' | 'customer-interface';

export const API_VERSION = 'v1.0';
export const REFERENCE_FILE = 'carecloud-reference.json';

export function apiBaseUrl(projectUrl: string, apiInterface: ApiInterface = 'enterprise-interface'): string {
  return `${projectUrl.replace(/\/+$/, '')}/webservice/rest-api/${apiInterface}/${API_VERSION}`;
}

/** What the settings decide about the client; `configure` swaps them in a running client. */
export interface CareCloudSettings {
  /** e.g. `https://shop.crmcarecloud.com` or the sandbox's `http://127.0.0.1:PORT`. */
  projectUrl: string;
  credentials: Credentials;
  language: 'cs' | 'en';
  /** The project's time zone: CareCloud datetimes carry no offset. */
  timeZone: string;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetrySettings>;
}

export interface CareCloudClientOptions extends CareCloudSettings {
  logger?: Logger;
  /** Reference lists are saved here; memory only when absent. */
  dataDir?: string;
  apiInterface?: ApiInterface;
  fetch?: PipelineOptions['fetch'];
  sleep?: PipelineOptions['sleep'];
  random?: PipelineOptions['random'];
  now?: () => number;
  maxBodyBytes?: number;
}

const sameCredentials = (a: Credentials, b: Credentials): boolean =>
  a.externalApplicationId === b.externalApplicationId && a.login === b.login && a.password === b.password;

/** How long a logout may take: a replaced session's (nobody waits for it) or one ended on purpose (a closing app). */
const LOGOUT_TIMEOUT_MS = 2_000;

export function createCareCloudClient(options: CareCloudClientOptions) {
  const now = options.now ?? Date.now;
  let current: CareCloudSettings = options;
  const pipelineSettings = (s: CareCloudSettings): PipelineSettings => ({
    baseUrl: apiBaseUrl(s.projectUrl, options.apiInterface),
    language: s.language,
    timeouts: { ...defaultSettings.timeouts, ...s.timeouts },
    retry: { ...defaultSettings.retry, ...s.retry },
  });
  const pipeline = new Pipeline({
    ...pipelineSettings(options),
    logger: options.logger ?? silentLogger,
    fetch: options.fetch,
    sleep: options.sleep,
    random: options.random,
    now,
    maxBodyBytes: options.maxBodyBytes,
  });
  const users = usersResource(pipeline, () => current.timeZone);
  const session = new Session(() => users.login(current.credentials), now);
  pipeline.useTokens(session);
  const store = new ReferenceStore(options.dataDir ? join(options.dataDir, REFERENCE_FILE) : undefined);
  const reference = referenceResource(pipeline, store, now, () => current.projectUrl);
  // A logout that fails leaves a session CareCloud lets lapse at its valid_to; the call's log line says so.
  const endSession = (made: CareCloudSettings): Promise<void> => {
    const where = apiBaseUrl(made.projectUrl, options.apiInterface);
    const application = made.credentials.externalApplicationId;
    return session.end((token) =>
      users.logout(token, application, { retry: false, timeoutMs: LOGOUT_TIMEOUT_MS }, where).catch(() => {}),
    );
  };

  return {
    pipeline,
    session,
    users: {
      ...users,
      /**
       * Ends the session at CareCloud: its token, and that of a login under way, are logged out and the next call logs
       * in anew. Best effort, and never waits longer than a logout may take (one still under way then ends unwatched).
       */
      logoutCurrent: async (): Promise<void> => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOGOUT_TIMEOUT_MS)));
        await Promise.race([endSession(current), bound]);
        clearTimeout(timer);
      },
    },
    tests: testsResource(pipeline),
    customers: customersResource(pipeline),
    cards: cardsResource(pipeline),
    wallet: walletResource(pipeline),
    vouchers: vouchersResource(pipeline),
    purchases: purchasesResource(pipeline),
    rewards: rewardsResource(pipeline),
    signup: signupResource(pipeline, () => current.credentials.externalApplicationId),
    reference,
    /**
     * New settings for the calls made from now on, without a new client: language, time
     * zone, timeouts and retries change in place, keeping the session and every cache. New
     * credentials or another project end the session (logged out at CareCloud where it was
     * made, in the background) and the next call logs in with the new ones.
     */
    configure(next: CareCloudSettings): void {
      const before = current;
      current = { ...next, credentials: { ...next.credentials } };
      const moved =
        apiBaseUrl(next.projectUrl, options.apiInterface) !==
        apiBaseUrl(before.projectUrl, options.apiInterface);
      if (moved || !sameCredentials(before.credentials, next.credentials)) void endSession(before);
      pipeline.configure(pipelineSettings(next));
      // Another project's stores and types are not this one's.
      if (moved) reference.forget();
    },
  };
}

export type CareCloudClient = ReturnType<typeof createCareCloudClient>;
