// Early builds saved the cash desk as text ("007"); the schema wants an integer.
import type { SettingsMigration } from './types.ts';

export const cashdeskNumber: SettingsMigration = {
  version: 1,
  description: 'cash desk number stored as an integer',
  up(store) {
    const value = store.get('cashdeskNumber');
    if (typeof value !== 'string') return;
    const number = Number.parseInt(value.trim(), 10);
    if (Number.isSafeInteger(number) && number >= 1) store.set('cashdeskNumber', number);
    else store.delete('cashdeskNumber');
  },
};
