// The names of every IPC request and pushed event, without schemas, so the
// renderer and the preload can build `window.pos` without bundling zod.
export const requestChannels = [
  'session.status',
  'session.language',
  'operator.signIn',
  'operator.signOut',
  'operator.unlock',
  'customers.identifyByCard',
  'customers.search',
  'customers.profile',
  'customers.points',
  'customers.credits',
  'customers.vouchers',
  'customers.rewards',
  'settings.get',
  'settings.update',
  'settings.stores',
  'diagnostics.run',
  'updates.status',
  'updates.postpone',
  'demo.setOutage',
  'checkout.catalogue',
  'checkout.product',
  'checkout.preview',
  'checkout.limits',
  'checkout.pay',
  'checkout.cancel',
  'checkout.recent',
  'checkout.park',
  'checkout.parkLeft',
  'checkout.parked',
  'checkout.recall',
  'checkout.saleOpen',
  'checkout.keepOpen',
  'checkout.openSale',
  'vouchers.check',
  'vouchers.syncOffline',
  'rewards.redeem',
  'rewards.recommend',
  'purchases.assignCustomer',
  'signup.setup',
  'signup.checkIdentifier',
  'signup.sendCode',
  'signup.verifyCode',
  'signup.register',
  'queue.list',
  'queue.show',
  'queue.retry',
  'queue.void',
  'queue.resend',
  'queue.export',
  'queue.customers',
  'audit.list',
  'audit.export',
  'dashboard.figures',
  'input.classify',
  'input.wedgeSettings',
  'kiosk.status',
  'kiosk.identify',
  'kiosk.overview',
  'kiosk.redeem',
  'kiosk.agreements',
  'kiosk.signUp',
  'kiosk.assignCard',
  'kiosk.signOut',
  'kiosk.keepAlive',
  'kiosk.leave',
  // receipt printer
  'printing.status',
  'printing.test',
  'printing.reprint',
  'printing.receipt',
  // the lane's shift (issue 13)
  'shift.current',
  'shift.open',
  'shift.cash',
  'shift.xReport',
  'shift.close',
  'shift.report',
  'shift.closed',
  'shift.export',
  'shift.print',
] as const;

export const eventNames = [
  'sync.status',
  'devices.status',
  'input.scan',
  'session.changed',
  'kiosk.changed',
  'printing.status',
] as const;

export type RequestChannel = (typeof requestChannels)[number];
export type EventName = (typeof eventNames)[number];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (requestChannels as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (eventNames as readonly string[]).includes(value);
}
