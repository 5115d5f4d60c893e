import { cashdeskNumber } from './001-cashdesk-number.ts';
import { encryptPassword } from './002-encrypt-password.ts';
import { offlineVoucherSpelling } from './003-offline-voucher-spelling.ts';
import type { SettingsMigration } from './types.ts';

export type { SettingsMigration } from './types.ts';

export const settingsMigrations: readonly SettingsMigration[] = [
  cashdeskNumber,
  encryptPassword,
  offlineVoucherSpelling,
];
