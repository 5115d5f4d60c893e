import { failure, success } from '../../../shared/ipc/result.ts';
import type { OpenSale } from '../../../shared/checkout/answers.ts';
import type { Operator } from '../../../shared/ipc/contract.ts';
import type { HandlerContext, Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

type CheckoutChannels =
  | 'checkout.catalogue'
  | 'checkout.product'
  | 'checkout.preview'
  | 'checkout.limits'
  | 'checkout.pay'
  | 'checkout.cancel'
  | 'checkout.recent'
  | 'checkout.park'
  | 'checkout.parkLeft'
  | 'checkout.parked'
  | 'checkout.recall'
  | 'checkout.keepOpen'
  | 'checkout.openSale'
  | 'vouchers.check'
  | 'vouchers.syncOffline';

/** The dispatcher lets these channels through only with an operator signed in. */
function operatorOf(context: HandlerContext): Operator {
  if (!context.operator) throw new Error('An operator channel ran without an operator');
  return context.operator;
}

export function checkoutHandlers({
  checkout,
  vouchers,
  parked,
  session,
}: HandlerServices): Pick<Handlers, CheckoutChannels> {
  // One per session (handlers are made per session): the copy of its screens' open sale.
  // In memory only: it is for a renderer that dies, not for the process holding it.
  let open: { operatorId: string; sale: OpenSale } | null = null;
  return {
    'checkout.catalogue': () => success(checkout.catalogue()),
    'checkout.product': ({ code }) => success(checkout.product(code)),
    'checkout.preview': async (payload, context) =>
      success(await checkout.preview(payload, operatorOf(context))),
    'checkout.limits': async (payload, context) =>
      success(await checkout.limits(payload, operatorOf(context))),
    'checkout.pay': async (payload, context) => success(await checkout.pay(payload, operatorOf(context))),
    'checkout.cancel': async (payload, context) =>
      success(await checkout.cancel(payload, operatorOf(context))),
    'checkout.recent': ({ limit }) => success(checkout.recent(limit)),
    'checkout.park': (payload, context) => success(parked.park(payload, operatorOf(context))),
    'checkout.parkLeft': (payload) => {
      const operator = session.takeIdleLeaver();
      return operator
        ? success(parked.park({ ...payload, reason: 'signOut' }, operator))
        : failure('not_signed_in', 'Nobody was signed out for being idle just now');
    },
    'checkout.parked': (_payload, context) => success(parked.list(operatorOf(context))),
    'checkout.recall': ({ id }, context) => {
      const sale = parked.recall(id, operatorOf(context));
      return sale ? success(sale) : failure('not_found', 'No parked sale with this id for this operator');
    },
    'checkout.keepOpen': ({ sale }, context) => {
      open = sale ? { operatorId: operatorOf(context).id, sale } : null;
      return success({ kept: open !== null });
    },
    // Another operator's open sale is not theirs to take over; it stays for its own operator.
    'checkout.openSale': (_payload, context) =>
      success(open && open.operatorId === operatorOf(context).id ? open.sale : null),
    'vouchers.check': async ({ code, customerId }) => success(await vouchers.check(code, customerId)),
    'vouchers.syncOffline': async () => {
      const synced = await vouchers.syncOffline();
      return synced ? success(synced) : failure('not_configured', 'No store is chosen for this terminal');
    },
  };
}
