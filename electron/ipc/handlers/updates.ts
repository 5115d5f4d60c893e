import { failure, success } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

const NO_UPDATES =
  'This terminal does not update itself here (an installed app with an update server in its settings does)';
const REFUSED = {
  'nothing-to-postpone': 'No update is waiting to be installed',
  'invalid-hours': 'An update can be postponed by 1 to 24 hours',
  'limit-reached':
    'This update has waited three days already; it installs at the next moment the till is idle',
} as const;

export function updateHandlers({
  updates,
  tillSale,
  managerCheck,
}: HandlerServices): Pick<Handlers, 'updates.status' | 'updates.postpone' | 'checkout.saleOpen'> {
  return {
    'updates.status': () => {
      const desk = updates?.() ?? null;
      return desk ? success(desk.status()) : failure('not_configured', NO_UPDATES);
    },
    'updates.postpone': async ({ hours, pin }, context) => {
      const desk = updates?.() ?? null;
      if (!desk) return failure('not_configured', NO_UPDATES);
      const manager = await managerCheck(pin, 'update-postpone', context.operator);
      const result = desk.postpone(hours, manager.id);
      return result.ok ? success(desk.status()) : failure('invalid_state', REFUSED[result.reason]);
    },
    'checkout.saleOpen': ({ open }) => {
      if (!tillSale) return failure('not_configured', 'Nothing here waits for the till to be idle');
      tillSale.report(open);
      return success(null);
    },
  };
}
