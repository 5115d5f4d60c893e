// The offline voucher policy has one spelling, `accept-synced`; files written earlier are rewritten.
import { respelledOfflineVoucherPolicy } from '../../../shared/settings.ts';
import type { SettingsMigration } from './types.ts';

export const offlineVoucherSpelling: SettingsMigration = {
  version: 3,
  description: 'offline voucher policy spelled accept-synced',
  up(store) {
    const policy = store.get('offlinePolicy');
    if (typeof policy !== 'object' || policy === null || !('vouchers' in policy)) return;
    const vouchers = respelledOfflineVoucherPolicy(policy.vouchers);
    if (vouchers !== policy.vouchers) store.set('offlinePolicy', { ...policy, vouchers });
  },
};
