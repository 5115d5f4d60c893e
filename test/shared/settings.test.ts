import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings, projectUrlProblem, settingsSchema } from '../../shared/settings.ts';

describe('terminal settings', () => {
  it('has defaults that fit a checkout lane', () => {
    expect(defaultSettings).toMatchObject({
      projectUrl: '',
      language: 'cs',
      timeZone: 'Europe/Prague',
      timeouts: { lookupMs: 3_000, closureMs: 15_000 },
      retry: { maxAttempts: 3 },
      offlinePolicy: { vouchers: 'refuse' },
    });
  });

  it('accepts https project addresses and plain http only on this machine', () => {
    expect(projectUrlProblem('https://shop.crmcarecloud.com')).toBeNull();
    expect(projectUrlProblem('https://shop.crmcarecloud.com:8443/')).toBeNull();
    expect(projectUrlProblem('http://127.0.0.1:4010')).toBeNull();
    expect(projectUrlProblem('http://localhost:4010')).toBeNull();
    expect(projectUrlProblem('http://[::1]:4010')).toBeNull();
    expect(projectUrlProblem('http://shop.crmcarecloud.com')).toMatch(/https/);
    expect(projectUrlProblem('shop.crmcarecloud.com')).toMatch(/not a web address/);
    expect(projectUrlProblem('https://shop.example.com/?x=1')).toMatch(/not a web address/);
  });

  it('normalises the project URL and keeps partial nested objects', () => {
    const parsed = parseSettings({
      projectUrl: ' https://shop.example.com/// ',
      timeouts: { lookupMs: 2_000 },
    });
    expect(parsed.ok && parsed.value.projectUrl).toBe('https://shop.example.com');
    expect(parsed.ok && parsed.value.timeouts).toEqual({
      lookupMs: 2_000,
      closureMs: 15_000,
      loginMs: 5_000,
    });
  });

  it('names the first bad field in one sentence', () => {
    expect(parseSettings({ language: 'de' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Setting "language" is invalid: .+\.$/),
    });
    expect(parseSettings({ timeouts: { closureMs: 10 } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Setting "timeouts\.closureMs"/),
    });
    expect(parseSettings({ timeZone: 'Nowhere/City' })).toEqual({
      ok: false,
      error: 'Setting "timeZone" is invalid: is not a known IANA time zone.',
    });
    expect(parseSettings('not an object').ok).toBe(false);
    expect(parseSettings(null).ok).toBe(true);
  });

  it('takes an update server, a channel and a crash upload address, validated like the project address', () => {
    expect(defaultSettings.updates).toEqual({ url: '', channel: 'stable', checkHours: 4 });
    expect(defaultSettings.crashReports).toEqual({ uploadUrl: '' });
    const parsed = parseSettings({
      updates: { url: 'https://updates.shop.example/ccpos/', channel: 'pilot' },
      crashReports: { uploadUrl: 'https://crash.shop.example/submit' },
    });
    expect(parsed.ok && parsed.value.updates).toEqual({
      url: 'https://updates.shop.example/ccpos',
      channel: 'pilot',
      checkHours: 4,
    });
    expect(parsed.ok && parsed.value.crashReports.uploadUrl).toBe('https://crash.shop.example/submit');
    expect(parseSettings({ updates: { url: 'http://updates.shop.example' } })).toEqual({
      ok: false,
      error:
        'Setting "updates.url" is invalid: must start with https:// (plain http only for 127.0.0.1 or localhost).',
    });
    expect(parseSettings({ updates: { url: 'updates' } })).toEqual({
      ok: false,
      error:
        'Setting "updates.url" is invalid: is not a web address such as https://updates.example.com/ccpos.',
    });
    expect(parseSettings({ updates: { channel: 'beta' } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Setting "updates\.channel" is invalid/),
    });
    expect(parseSettings({ updates: { checkHours: 0 } }).ok).toBe(false);
    expect(parseSettings({ crashReports: { uploadUrl: 'ftp://crash.example' } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Setting "crashReports\.uploadUrl" is invalid: is not a web address/),
    });
    expect(parseSettings({ updates: { url: 'http://127.0.0.1:8080/feed' } }).ok).toBe(true);
  });

  it('a kiosk: Customer API address https (http only here), set-up bounded with defaults, no enterprise login', () => {
    const kiosk = (fields: Record<string, unknown>) => parseSettings({ mode: 'kiosk', kiosk: fields });
    expect(kiosk({})).toMatchObject({
      ok: true,
      value: {
        kiosk: {
          customerApiUrl: '',
          externalApplicationId: '',
          deviceName: '',
          idleSeconds: 45,
          countdownSeconds: 15,
          expiringPointsDays: 30,
          cardsAtSignUp: true,
        },
      },
    });
    const https = kiosk({
      customerApiUrl: ' https://shop.crmcarecloud.com/ ',
      externalApplicationId: 'kiosk-app',
      deviceName: 'Kiosk u vchodu',
      cardsAtSignUp: false,
    });
    expect(https).toMatchObject({
      ok: true,
      value: {
        kiosk: {
          customerApiUrl: 'https://shop.crmcarecloud.com',
          deviceName: 'Kiosk u vchodu',
          cardsAtSignUp: false,
        },
      },
    });
    expect(kiosk({ customerApiUrl: 'http://127.0.0.1:4010' }).ok).toBe(true);
    expect(kiosk({ customerApiUrl: 'http://localhost:4010/' }).ok).toBe(true);
    for (const bad of [
      'http://shop.crmcarecloud.com',
      'ftp://shop.crmcarecloud.com',
      'shop.crmcarecloud.com',
      'https://shop.example.com/?token=1',
    ]) {
      expect(kiosk({ customerApiUrl: bad }), bad).toMatchObject({
        ok: false,
        error: expect.stringContaining('"kiosk.customerApiUrl"'),
      });
    }
    // The refusal names itself, so the screens can say it in their language.
    const issue = settingsSchema.safeParse({
      mode: 'kiosk',
      kiosk: { customerApiUrl: 'http://shop.crmcarecloud.com' },
    }).error?.issues[0];
    expect(issue).toMatchObject({ path: ['kiosk', 'customerApiUrl'], params: { reason: 'invalid_url' } });
    for (const [field, values] of Object.entries({
      idleSeconds: [9, 601, 1.5],
      countdownSeconds: [4, 121],
      expiringPointsDays: [0, 366],
      deviceName: ['x'.repeat(101), 'a\u0007b'],
      cardsAtSignUp: ['yes'],
    })) {
      for (const value of values)
        expect(kiosk({ [field]: value }), `${field} ${String(value)}`).toMatchObject({
          ok: false,
          error: expect.stringContaining(`"kiosk.${field}"`),
        });
    }
    expect(parseSettings({ mode: 'kiosk', login: 'pos-user' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"login"'),
    });
    expect(parseSettings({ mode: 'till', login: 'pos-user' }).ok).toBe(true);
  });
});
