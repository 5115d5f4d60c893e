// The kiosk's CareCloud: the Customer API client (electron/carecloud/customer-client.ts)
// on this kiosk's device token. Built by the kiosk's composition root; nothing here
// knows an enterprise login.
import { createCustomerApiClient } from '../carecloud/customer-client.ts';
import { UnexpectedResponseError } from '../carecloud/errors.ts';
import type { KioskApiSetup } from '../app/kiosk-terminal.ts';
import type { CustomerApiPort } from './port.ts';

/** Customer sources a kiosk's sign-up is recorded with, most fitting first. */
const kioskSources = ['kiosk', 'pos'];

export function createKioskApi(setup: KioskApiSetup): CustomerApiPort {
  const client = createCustomerApiClient({
    projectUrl: setup.projectUrl,
    externalApplicationId: setup.externalApplicationId,
    device: setup.device,
    language: setup.settings.language,
    ...(setup.deviceToken ? { deviceToken: setup.deviceToken } : {}),
    onDeviceToken: setup.onDeviceToken,
    timeouts: setup.settings.timeouts,
    retry: setup.settings.retry,
    logger: setup.logger,
  });
  // Reference data, not the customer's: kept for the kiosk's run once CareCloud gave it.
  let currencies: Map<string, string> | null = null;
  let sourceId: string | null = null;

  const readCurrencies = async (): Promise<Map<string, string>> =>
    new Map((await client.currencies()).map((c) => [c.currency_id, c.code]));

  return {
    login: (by) => client.login(by),
    loginWithAppCode: (code) => client.loginWithAppCode(code),
    logout: () => client.logout(),
    signUp: (input) => client.signUp(input),
    agreements: () => client.agreements(),
    account: {
      record: () => client.account.record(),
      vouchers: (query) => client.account.vouchers(query),
      rewards: () => client.account.rewards(),
      points: () => client.account.points(),
      pointsExpiration: () => client.account.pointsExpiration(),
      credits: () => client.account.credits(),
    },
    redeemReward: (rewardId, redemption) => client.redeemReward(rewardId, redemption),
    isFreeCard: (cardNumber) => client.isFreeCard(cardNumber),
    assignFreeCard: (cardNumber) => client.assignFreeCard(cardNumber),
    async customerSourceId() {
      if (sourceId) return sourceId;
      const sources = await client.customerSources();
      const pick =
        kioskSources
          .map((text) => sources.find((s) => s.customer_source_text_id === text))
          .find((s) => s !== undefined) ?? sources[0];
      if (!pick)
        throw new UnexpectedResponseError(
          200,
          'application/json',
          '',
          'CareCloud lists no customer source for a sign-up',
          { method: 'GET', path: '/customer-sources', correlationId: '', attempt: 1 },
        );
      sourceId = pick.customer_source_id;
      return sourceId;
    },
    async currencies() {
      if (currencies) return currencies;
      try {
        currencies = await readCurrencies();
        return currencies;
      } catch {
        return new Map();
      }
    },
    probe: () => client.testConnection(),
  };
}
