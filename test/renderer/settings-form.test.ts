import { describe, expect, it } from 'vitest';
import {
  becomesKiosk,
  draftOf,
  draftProblems,
  patchOf,
  SettingsForm,
} from '../../renderer/src/state/settings-form.svelte.ts';
import type { SettingsPatch, SettingsView } from '../../shared/ipc/index.ts';
import { defaultSettings } from '../../shared/settings.ts';
import { fail, fakeMain, ok } from './fake-main.ts';

const saved: SettingsView = {
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

function settingsMain(
  update: (patch: SettingsPatch) => ReturnType<typeof ok<SettingsView>> | ReturnType<typeof fail>,
) {
  return fakeMain({
    'settings.get': () => ok(saved),
    'settings.stores': () =>
      ok([
        { id: 's1', name: 'Praha 1', code: 'P1' },
        { id: 's2', name: 'Brno', code: null },
      ]),
    'settings.update': ({ patch }) => update(patch) as never,
    'diagnostics.run': () =>
      ok({ ok: false, checks: [{ id: 'login', title: 'Login', status: 'fail', detail: 'wrong password' }] }),
    'demo.setOutage': ({ on }) => ok({ outage: on }),
  });
}

describe('settings form', () => {
  it('sends only what changed, the timeout in milliseconds and the password only when typed', () => {
    const draft = draftOf(saved);
    expect(patchOf(saved, draft)).toEqual({});
    draft.storeId = 's2';
    draft.requestTimeoutSeconds = 4.5;
    draft.voucherRule = '^VOU';
    draft.wedgeEnabled = false;
    draft.login = '  manager ';
    expect(patchOf(saved, draft)).toEqual({
      storeId: 's2',
      requestTimeoutMs: 4500,
      scanRules: { voucher: '^VOU' },
      devices: { wedgeEnabled: false },
      login: 'manager',
    });
    draft.password = 'secret';
    expect(patchOf(saved, draft).password).toBe('secret');
  });

  it('finds what it can check itself before asking the main process', () => {
    const draft = {
      ...draftOf(saved),
      projectUrl: 'http://shop.example.com',
      cashdeskNumber: '3a',
      requestTimeoutSeconds: 0.1,
      giftCardRule: '([',
      timeZone: 'Mars/Olympus',
    };
    expect(draftProblems(draft)).toEqual({
      projectUrl: 'url',
      cashdeskNumber: 'cashdesk',
      requestTimeoutSeconds: 'timeout',
      giftCardRule: 'pattern',
      timeZone: 'timeZone',
    });
    expect(draftProblems({ ...draftOf(saved), projectUrl: 'http://127.0.0.1:4010' })).toEqual({});
    expect(draftProblems({ ...draftOf(saved), projectUrl: 'https://shop.crmcarecloud.com' })).toEqual({});
  });

  it('loads settings and stores side by side, saves, and starts the next edit from what was saved', async () => {
    const patches: SettingsPatch[] = [];
    const main = settingsMain((patch) => {
      patches.push(patch);
      return ok({ ...saved, ...(patch as Partial<SettingsView>), passwordSet: patch.password !== undefined });
    });
    const form = new SettingsForm(main.pos);
    await form.load();
    expect(form.stores.value?.map((s) => s.name)).toEqual(['Praha 1', 'Brno']);
    expect(form.dirty).toBe(false);
    form.draft!.cashdeskNumber = '7';
    form.draft!.password = 'new secret';
    expect(form.dirty).toBe(true);
    const result = await form.save('123456');
    expect(patches).toEqual([{ cashdeskNumber: '7', password: 'new secret' }]);
    expect(result).toMatchObject({ saved: { cashdeskNumber: '7' } });
    expect(form.outcome).toEqual({ status: 'saved' });
    expect(form.draft?.password).toBe('');
    expect(form.saved.value?.passwordSet).toBe(true);
    expect(form.dirty).toBe(false);
  });

  it('does not send a draft with problems', async () => {
    const main = settingsMain(() => ok(saved));
    const form = new SettingsForm(main.pos);
    await form.load();
    form.draft!.cashdeskNumber = 'one';
    expect(await form.save('123456')).toBeNull();
    expect(form.outcome).toEqual({ status: 'invalid' });
    expect(main.calls.some((c) => c.channel === 'settings.update')).toBe(false);
  });

  it('puts the main process’s reasons next to the fields they name', async () => {
    const main = settingsMain(() =>
      fail('invalid_settings', 'bad', {
        reasons: [
          { name: 'projectUrl', reason: 'invalid_value_format', message: 'must start with https://' },
        ],
      }),
    );
    const form = new SettingsForm(main.pos);
    await form.load();
    form.draft!.projectUrl = 'https://x.example.com';
    expect(await form.save('123456')).toBeNull();
    expect(form.problems).toEqual({ projectUrl: { text: 'must start with https://' } });
    expect(form.outcome).toEqual({ status: 'invalid' });
  });

  it('makes a till a kiosk: the mode and the kiosk set-up are sent, a login or password typed before is not', () => {
    const till: SettingsView = {
      ...saved,
      login: 'pos-user',
      passwordSet: true,
      mode: 'till',
      kiosk: {
        customerApiUrl: '',
        externalApplicationId: '',
        deviceTokenSet: false,
        deviceName: '',
        idleSeconds: 45,
        countdownSeconds: 15,
        expiringPointsDays: 30,
        cardsAtSignUp: true,
      },
    };
    const draft = draftOf(till);
    expect(becomesKiosk(till, draft)).toBe(false);
    draft.login = 'another';
    draft.password = 'typed-before';
    draft.mode = 'kiosk';
    draft.kioskCustomerApiUrl = ' https://shop.crmcarecloud.com ';
    draft.kioskApplicationId = 'kiosk-app';
    draft.kioskCardsAtSignUp = false;
    expect(becomesKiosk(till, draft)).toBe(true);
    expect(patchOf(till, draft)).toEqual({
      mode: 'kiosk',
      kiosk: {
        customerApiUrl: 'https://shop.crmcarecloud.com',
        externalApplicationId: 'kiosk-app',
        cardsAtSignUp: false,
      },
    });
    expect(draftProblems(draft)).toEqual({});
  });

  it("checks the kiosk set-up by the shared schema's rules; names main's address refusal in screen words", async () => {
    const draft = {
      ...draftOf(saved),
      mode: 'kiosk' as const,
      kioskCustomerApiUrl: 'http://shop.example.com',
      kioskIdleSeconds: 5,
      kioskCountdownSeconds: 200,
      kioskExpiringPointsDays: 0,
    };
    expect(draftProblems(draft)).toEqual({
      kioskCustomerApiUrl: 'kioskUrl',
      kioskIdleSeconds: 'kioskSeconds',
      kioskCountdownSeconds: 'kioskCountdown',
      kioskExpiringPointsDays: 'kioskDays',
    });
    expect(
      draftProblems({ ...draftOf(saved), mode: 'kiosk', kioskCustomerApiUrl: 'http://127.0.0.1:4010' }),
    ).toEqual({});
    // A till's draft does not check kiosk fields it does not send.
    expect(draftProblems({ ...draft, mode: 'till' })).toEqual({});
    const main = settingsMain(() =>
      fail('invalid_settings', 'bad', {
        reasons: [
          { name: 'kiosk.customerApiUrl', reason: 'invalid_url', message: 'must start with https://' },
        ],
      }),
    );
    const form = new SettingsForm(main.pos);
    await form.load();
    form.draft!.mode = 'kiosk';
    form.draft!.kioskCustomerApiUrl = 'https://shop.example.com';
    expect(await form.save('123456')).toBeNull();
    expect(form.problems).toEqual({ kioskCustomerApiUrl: 'kioskUrl' });
  });

  it('keeps a failure without reasons as the outcome', async () => {
    const main = settingsMain(() => fail('forbidden_role', 'managers only'));
    const form = new SettingsForm(main.pos);
    await form.load();
    form.draft!.cashdeskNumber = '9';
    await form.save('123456');
    expect(form.outcome).toEqual({
      status: 'failed',
      error: { code: 'forbidden_role', message: 'managers only' },
    });
  });

  it('hands a refused PIN back to the PIN prompt and sends the PIN with the patch', async () => {
    const pins: string[] = [];
    const main = fakeMain({
      'settings.get': () => ok(saved),
      'settings.stores': () => ok([]),
      'settings.update': ({ pin }) =>
        (pins.push(pin), fail('wrong_pin', 'PIN not accepted', { attemptsLeft: 2 })) as never,
    });
    const form = new SettingsForm(main.pos);
    await form.load();
    form.draft!.idleManagerMinutes = 3;
    expect(await form.save('000000')).toEqual({
      refused: { code: 'wrong_pin', message: 'PIN not accepted', attemptsLeft: 2 },
    });
    expect(pins).toEqual(['000000']);
    expect(form.outcome).toEqual({ status: 'idle' });
    form.draft!.idleManagerMinutes = 0;
    expect(form.ready()).toBe(false);
    expect(form.problems).toEqual({ idleManagerMinutes: 'idle' });
  });

  it('runs the connection test and switches the demo outage', async () => {
    const main = settingsMain(() => ok(saved));
    const form = new SettingsForm(main.pos);
    await form.testConnection();
    expect(form.diagnostics.value?.checks[0]?.status).toBe('fail');
    expect(form.outage).toBeNull();
    expect(await form.setOutage(true)).toBeNull();
    expect(form.outage).toBe(true);
    expect(main.calls.at(-1)).toEqual({ channel: 'demo.setOutage', payload: { on: true } });
  });
});
