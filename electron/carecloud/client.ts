// The CareCloud Enterprise API as the main process sees it: one pipeline, one session,
// thin resource modules on top.
import { join } from 'node:path';
import type { RetrySettings, Timeouts } from '../../shared/settings.ts';
import { defaultSettings } from '../../shared/settings.ts';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { Session, type Credentials } from './auth.ts';
import { Pipeline, type PipelineOptions } from './pipeline.ts';
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

export interface CareCloudClientOptions {
  /** e.g. `https://shop.crmcarecloud.com` or the sandbox's `http://127.0.0.1:PORT`. */
  projectUrl: string;
  credentials: Credentials;
  language: 'cs' | 'en';
  /** The project's time zone: CareCloud datetimes carry no offset. */
  timeZone: string;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetrySettings>;
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

export function createCareCloudClient(options: CareCloudClientOptions) {
  const now = options.now ?? Date.now;
  const pipeline = new Pipeline({
    baseUrl: apiBaseUrl(options.projectUrl, options.apiInterface),
    language: options.language,
    timeouts: { ...defaultSettings.timeouts, ...options.timeouts },
    retry: { ...defaultSettings.retry, ...options.retry },
    logger: options.logger ?? silentLogger,
    fetch: options.fetch,
    sleep: options.sleep,
    random: options.random,
    now,
    maxBodyBytes: options.maxBodyBytes,
  });
  const users = usersResource(pipeline, options.timeZone);
  const session = new Session(() => users.login(options.credentials), now);
  pipeline.useTokens(session);
  const store = new ReferenceStore(options.dataDir ? join(options.dataDir, REFERENCE_FILE) : undefined);

  return {
    pipeline,
    session,
    users: {
      ...users,
      /** Ends the current session at CareCloud, if there is one. */
      logoutCurrent: async (): Promise<void> => {
        const token = session.forget();
        if (token) await users.logout(token, options.credentials.externalApplicationId, { retry: false, timeoutMs: 2_000 });
      },
    },
    tests: testsResource(pipeline),
    customers: customersResource(pipeline),
    cards: cardsResource(pipeline),
    wallet: walletResource(pipeline),
    vouchers: vouchersResource(pipeline),
    purchases: purchasesResource(pipeline),
    rewards: rewardsResource(pipeline),
    signup: signupResource(pipeline, options.credentials.externalApplicationId),
    reference: referenceResource(pipeline, store, now),
  };
}

export type CareCloudClient = ReturnType<typeof createCareCloudClient>;
