// Main's own inactivity sign-out, whatever the screens do: a kiosk started by the app
// (startApp on kiosk settings, the sandbox's Customer API) signs an idle customer out
// of CareCloud and forgets them once the idle time, the countdown and main's slack have
// passed without a request from the screens. Time is vitest's fake clock (timers and
// Date), moved by the test; the requests to the sandbox are real.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KioskOverview, KioskStatus } from '../../shared/kiosk.ts';
import { startApp } from '../../electron/app/terminal.ts';
import type { KioskTerminal } from '../../electron/app/kiosk-terminal.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { createKioskApi } from '../../electron/kiosk/customer-api-port.ts';
import { createLogger } from '../../electron/log/logger.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { customerPasswords, KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
/** The shortest inactivity the settings allow: 10 s idle, 5 s countdown. */
const idleSeconds = 10;
const countdownSeconds = 5;
/** Main's slack past the screens' countdown (the service's default). */
const graceMs = 5_000;
const signOutAfterMs = (idleSeconds + countdownSeconds) * 1000 + graceMs;

let sandbox: TestSandbox;
const folders: string[] = [];
const running: KioskTerminal[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
}, 60_000);
afterEach(async () => {
  vi.useRealTimers();
  for (const kiosk of running.splice(0)) await kiosk.close();
});
afterAll(async () => {
  await sandbox?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function startKiosk(logs: string[]): Promise<{
  kiosk: KioskTerminal;
  ask: <T>(
    channel: string,
    payload?: unknown,
  ) => Promise<{ ok: boolean; value?: T; error?: { code: string } }>;
  pushed: KioskStatus[];
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-idle-'));
  folders.push(dataDir);
  const settings = memoryBackend({
    mode: 'kiosk',
    kiosk: {
      customerApiUrl: sandbox.projectUrl,
      externalApplicationId: KIOSK_APPLICATION_ID,
      idleSeconds,
      countdownSeconds,
    },
  });
  const started = await startApp({
    dataDir,
    stores: { settings, operators: memoryBackend(), customerCache: memoryBackend() },
    cipher: keyCipher(randomBytes(32)),
    startDemo: () => Promise.reject(new Error('a configured kiosk starts no demo backend')),
    customerApi: createKioskApi,
    logger: createLogger((line) => logs.push(line)),
  });
  if (started.mode !== 'kiosk') throw new Error('startApp built a till from kiosk settings');
  running.push(started);
  const pushed: KioskStatus[] = [];
  started.events.connect((event, payload) => {
    if (event === 'kiosk.changed') pushed.push(payload as KioskStatus);
  });
  const dispatch: Dispatch = started.dispatcher(previewSenderCheck(new Set([1])));
  return {
    kiosk: started,
    ask: async (channel, payload) => (await dispatch(channel, payload, sender)) as never,
    pushed,
  };
}

const logouts = () => sandbox.control.requests().filter((r) => r.operation_id === 'postTokenLogout').length;

describe("main's own inactivity sign-out", () => {
  it('signs an idle customer out of CareCloud, forgets them, unasked, after idle time, countdown, slack', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const logs: string[] = [];
    const { kiosk, ask, pushed } = await startKiosk(logs);
    const signedIn = await ask<KioskOverview>('kiosk.identify', {
      method: 'card',
      cardNumber: demo.cards.regular,
      password: customerPasswords[1]!.password,
    });
    expect(signedIn).toMatchObject({ ok: true, value: { customer: { firstName: 'Jana' } } });
    const before = logouts();

    // Just short of the limit the customer is still there.
    await vi.advanceTimersByTimeAsync(signOutAfterMs - 1);
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
    expect(logouts()).toBe(before);

    // The last millisecond: main signs them out itself.
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(logouts()).toBe(before + 1));
    expect(kiosk.kiosk.holdsCustomer()).toBe(false);
    expect(pushed.at(-1)).toMatchObject({ signedIn: false });
    expect(await ask('kiosk.overview')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(logs.some((line) => line.includes('kiosk.signOut') && line.includes('inactivity'))).toBe(true);
  }, 60_000);

  it('restarts at each sign of the customer: a countdown keep-alive, a request for their account', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { kiosk, ask } = await startKiosk([]);
    expect(
      await ask('kiosk.identify', {
        method: 'card',
        cardNumber: demo.cards.regular,
        password: customerPasswords[1]!.password,
      }),
    ).toMatchObject({ ok: true });
    const before = logouts();

    await vi.advanceTimersByTimeAsync(signOutAfterMs - 1_000);
    // "More time" on the countdown.
    expect(await ask<KioskStatus>('kiosk.keepAlive')).toMatchObject({ ok: true, value: { signedIn: true } });
    await vi.advanceTimersByTimeAsync(signOutAfterMs - 1_000);
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
    // The screen reads the account again.
    expect(await ask('kiosk.overview')).toMatchObject({ ok: true });
    await vi.advanceTimersByTimeAsync(signOutAfterMs - 1);
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
    expect(logouts()).toBe(before);

    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(logouts()).toBe(before + 1));
    expect(kiosk.kiosk.holdsCustomer()).toBe(false);
  }, 60_000);

  it('keeps no timer for nobody: signed out by hand, time passing signs nobody out again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const logs: string[] = [];
    const { ask } = await startKiosk(logs);
    expect(
      await ask('kiosk.identify', {
        method: 'card',
        cardNumber: demo.cards.regular,
        password: customerPasswords[1]!.password,
      }),
    ).toMatchObject({ ok: true });
    expect(await ask('kiosk.signOut', { reason: 'done' })).toEqual({ ok: true, value: null });
    const before = logouts();
    await vi.advanceTimersByTimeAsync(signOutAfterMs * 2);
    expect(logouts()).toBe(before);
    expect(logs.filter((line) => line.includes('kiosk.signOut'))).toHaveLength(1);
  }, 60_000);
});
