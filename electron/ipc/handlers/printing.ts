import { failure, success } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

export function printingHandlers({
  printing,
  session,
}: HandlerServices): Pick<
  Handlers,
  'printing.status' | 'printing.test' | 'printing.reprint' | 'printing.receipt'
> {
  return {
    'printing.status': () => success(printing.status()),
    'printing.test': async ({ printer }) => success(await printing.test(printer ?? null, session.language())),
    'printing.reprint': async ({ billId }) => {
      const outcome = await printing.reprint(billId, session.language());
      return outcome
        ? success(outcome)
        : failure('not_found', 'This terminal keeps no receipt for this sale');
    },
    'printing.receipt': async ({ billId }) => success(await printing.receipt(billId, session.language())),
  };
}
