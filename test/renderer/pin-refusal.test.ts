// One reading of a refused PIN for every prompt: the manager's PIN dialog (queue, recent sales,
// exports, updates), the shift's close and the settings' save take the same answers as a
// refusal, and word them with the same sentence in both languages.
import { describe, expect, it } from 'vitest';
import type { PosError, SettingsView } from '../../shared/ipc/index.ts';
import { defaultSettings } from '../../shared/settings.ts';
import {
  isPinRefusal,
  lockedSentence,
  pinRefusalOf,
  pinRefusalSentence,
} from '../../renderer/src/state/errors.ts';
import { Locale } from '../../renderer/src/state/locale.svelte.ts';
import { SettingsForm } from '../../renderer/src/state/settings-form.svelte.ts';
import { ShiftState } from '../../renderer/src/state/shift.svelte.ts';
import { fakeMain, ok } from './fake-main.ts';

const now = new Date('2026-12-02T14:00:00Z');
const until = '2026-12-02T14:15:00Z';

const refusals: PosError[] = [
  { code: 'wrong_pin', message: 'PIN not accepted', attemptsLeft: 3 },
  { code: 'wrong_pin', message: 'PIN not accepted', attemptsLeft: 1 },
  { code: 'wrong_pin', message: 'PIN not accepted' },
  { code: 'locked', message: 'locked', until },
];
const notRefusals: PosError[] = [
  { code: 'invalid_state', message: 'x' },
  { code: 'forbidden_role', message: 'x' },
  { code: 'not_found', message: 'x' },
];

describe('a refused PIN', () => {
  it('is a wrong PIN or the lock, nothing else', () => {
    for (const error of refusals) {
      expect(isPinRefusal(error)).toBe(true);
      expect(pinRefusalOf({ ok: false, error })).toBe(error);
    }
    for (const error of notRefusals) {
      expect(isPinRefusal(error)).toBe(false);
      expect(pinRefusalOf({ ok: false, error })).toBeNull();
    }
    expect(pinRefusalOf({ ok: true })).toBeNull();
    expect(pinRefusalOf(null)).toBeNull();
  });

  it('says how many tries are left, or when PINs unlock, in Czech and English', () => {
    const en = new Locale('en');
    const cs = new Locale('cs');
    expect(pinRefusalSentence(en, refusals[0]!, now)).toBe(
      'PIN not accepted. 3 tries left before PINs lock here.',
    );
    expect(pinRefusalSentence(en, refusals[1]!, now)).toBe(
      'PIN not accepted. One more wrong PIN locks PINs here.',
    );
    expect(pinRefusalSentence(en, refusals[2]!, now)).toBe('PIN not accepted.');
    expect(pinRefusalSentence(en, refusals[3]!, now)).toBe(lockedSentence(en, until, now));
    expect(lockedSentence(en, until, now)).toMatch(
      /^Too many wrong PINs\. PINs are locked here until .+; a manager can unlock\.$/,
    );
    expect(lockedSentence(en, 'not a time', now)).toBe(
      'PINs are locked here for a while after too many wrong PINs.',
    );
    for (const error of refusals) {
      const czech = pinRefusalSentence(cs, error, now);
      expect(czech).not.toBe(pinRefusalSentence(en, error, now));
      expect(czech.length).toBeGreaterThan(5);
    }
  });

  it('is taken the same way by the shift’s close and the settings’ save', async () => {
    for (const error of [...refusals, ...notRefusals]) {
      const main = fakeMain({
        'shift.close': () => ({ ok: false, error }) as never,
        'settings.get': () => ok(settingsView),
        'settings.stores': () => ok([]),
        'settings.update': () => ({ ok: false, error }) as never,
      });
      const shift = new ShiftState(main.pos);
      const closeRefused = await shift.close({ by: 'total', totalMinor: 100 }, '123456');
      const form = new SettingsForm(main.pos);
      await form.load();
      form.draft!.idleManagerMinutes = 3;
      const saved = await form.save('123456');
      const settingsRefused = saved && 'refused' in saved ? saved.refused : null;
      const expected = pinRefusalOf({ ok: false, error });
      expect(closeRefused, `shift.close answered ${error.code}`).toEqual(expected);
      expect(settingsRefused, `settings.update answered ${error.code}`).toEqual(expected);
    }
  });
});

const settingsView: SettingsView = {
  projectUrl: '',
  externalApplicationId: '',
  login: '',
  passwordSet: false,
  storeId: 's1',
  cashdeskNumber: '1',
  language: 'cs',
  timeZone: 'Europe/Prague',
  offlineVoucherPolicy: 'refuse',
  requestTimeoutMs: 3000,
  scanRules: { loyaltyCard: '^1000\\d{4}$', voucher: '^V', giftCard: '^G' },
  devices: { hidEnabled: true, wedgeEnabled: true },
  idleSignOut: { managerMinutes: 5, cashierMinutes: 15 },
  signup: { mode: 'offered', customerSourceId: '', verifyPhone: false },
  keyStorage: { backend: 'gnome_libsecret', weak: false, acceptedWeak: false },
  printer: { ...defaultSettings.printer },
};
