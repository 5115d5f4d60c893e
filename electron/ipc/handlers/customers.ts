import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

type CustomerChannels =
  | 'customers.identifyByCard'
  | 'customers.search'
  | 'customers.profile'
  | 'customers.points'
  | 'customers.credits'
  | 'customers.vouchers'
  | 'customers.rewards';

export function customerHandlers({ customers }: HandlerServices): Pick<Handlers, CustomerChannels> {
  return {
    'customers.identifyByCard': ({ cardNumber, panel }) =>
      customers.identifyByCard(cardNumber, { panel: panel !== false }),
    'customers.search': ({ query }) => customers.search(query),
    'customers.profile': ({ customerId }) => customers.profile(customerId),
    'customers.points': ({ customerId }) => customers.points(customerId),
    'customers.credits': ({ customerId }) => customers.credits(customerId),
    'customers.vouchers': ({ customerId }) => customers.vouchers(customerId),
    'customers.rewards': ({ customerId }) => customers.rewards(customerId),
  };
}
