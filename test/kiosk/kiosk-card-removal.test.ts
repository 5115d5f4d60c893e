// Sign-out on card removal, as the app runs it: startApp on kiosk settings with an insert
// reader on the fake HID bus (its removal sequence configured), against the sandbox's
// Customer API. The customer whose card that reader read is signed out of CareCloud and
// forgotten when the card leaves or the reader is unplugged; nobody else is.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../shared/ipc/contract.ts';
import type { KioskOverview, KioskStatus } from '../../shared/kiosk.ts';
import { encodeKeyboardReports } from '../../shared/input/keyboard-report.ts';
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
import { FakeHidBus, deviceInfo } from '../hid/fake-transport.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const JANA = { cardNumber: demo.cards.regular, password: customerPasswords[1]!.password };
const JANA_EMAIL = 'jana.novakova@example.cz';
const READER_PATH = '/dev/hidraw2';
const READER = deviceInfo({
  path: READER_PATH,
  vendorId: 0x0801,
  productId: 0x0003,
  usagePage: 0x01,
  usage: 0x06,
  product: 'Dip reader',
});
/** A second reader on the same kiosk (a HID swipe reader, found by its usage page). */
const OTHER_PATH = '/dev/hidraw5';
const OTHER = deviceInfo({
  path: OTHER_PATH,
  vendorId: 0x0801,
  productId: 0x0002,
  usagePage: 0x8e,
  usage: 0x01,
  product: 'Swipe reader',
  serialNumber: 'R2',
});

let sandbox: TestSandbox;
let dataDir: string;
let kiosk: KioskTerminal;
let dispatch: Dispatch;
const bus = new FakeHidBus();
const logs: string[] = [];
const pushed: KioskStatus[] = [];
const scans: ScanEvent[] = [];
let withdrawn = 0;

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string } };
const ask = async <T>(channel: string, payload?: unknown): Promise<Answer<T>> =>
  (await dispatch(channel, payload, sender)) as Answer<T>;
const logouts = () => sandbox.control.requests().filter((r) => r.operation_id === 'postTokenLogout').length;
const removalsLogged = () => logs.filter((line) => line.includes('input.cardRemoved')).length;

/** Waits for something the app does on its own (decoding in setImmediate turns, CareCloud's answer). */
async function until(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`never happened: ${what}`);
}

/** The reader types a text (a swipe or its removal sequence), then Enter, and the app has read it. */
async function readerTypes(text: string): Promise<void> {
  const scansBefore = scans.length;
  const removalsBefore = removalsLogged();
  for (const report of encodeKeyboardReports(text, 'us', 'Enter')) bus.connection(READER_PATH).send(report);
  await until(
    `the reader's "${text}" read`,
    () => scans.length > scansBefore || removalsLogged() > removalsBefore,
  );
}

async function signInWithReadCard(): Promise<void> {
  await readerTypes(`;${JANA.cardNumber}?`);
  expect(scans.at(-1)).toMatchObject({ kind: 'loyalty_card', code: JANA.cardNumber, source: 'hid' });
  expect((await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA })).ok).toBe(true);
  expect(kiosk.kiosk.holdsCustomer()).toBe(true);
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-card-removal-'));
  const settings = memoryBackend({
    mode: 'kiosk',
    kiosk: { customerApiUrl: sandbox.projectUrl, externalApplicationId: KIOSK_APPLICATION_ID },
    input: {
      devices: {
        pollIntervalMs: 250,
        configured: [
          {
            name: 'Dip reader',
            kind: 'keyboard-card-reader',
            vendorId: 0x0801,
            removalSequence: '%CARD-OUT?',
          },
        ],
      },
    },
  });
  const started = await startApp({
    dataDir,
    stores: { settings, operators: memoryBackend(), customerCache: memoryBackend() },
    cipher: keyCipher(randomBytes(32)),
    startDemo: () => Promise.reject(new Error('a configured kiosk starts no demo backend')),
    customerApi: createKioskApi,
    logger: createLogger((line) => logs.push(line)),
    hidLoader: async () => {
      bus.plug(READER);
      bus.plug(OTHER);
      return bus;
    },
  });
  if (started.mode !== 'kiosk') throw new Error('startApp built a till from kiosk settings');
  kiosk = started;
  kiosk.events.connect((event, payload) => {
    if (event === 'kiosk.changed') pushed.push(payload as KioskStatus);
    if (event === 'input.scan') scans.push(payload as ScanEvent);
    if (event === 'kiosk.cardWithdrawn') withdrawn += 1;
  });
  dispatch = kiosk.dispatcher(previewSenderCheck(new Set([1])));
}, 60_000);
afterAll(async () => {
  await kiosk?.close();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  pushed.length = 0;
});
afterEach(async () => {
  await ask('kiosk.signOut', { reason: 'done' });
});

describe('a kiosk with an insert reader that reports card removal', () => {
  it('signs out the customer who signed in with the card in it, of CareCloud too, and tells the screens', async () => {
    await signInWithReadCard();
    const logoutsBefore = logouts();
    pushed.length = 0;
    await readerTypes('%CARD-OUT?');
    await until('the sign-out reached CareCloud', () => logouts() > logoutsBefore);
    expect(pushed.at(-1)).toMatchObject({ signedIn: false, inService: true });
    expect(kiosk.kiosk.holdsCustomer()).toBe(false);
    expect(logouts()).toBe(logoutsBefore + 1);
    expect(await ask('kiosk.overview')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(logs.some((line) => line.includes('kiosk.signOut') && line.includes('card_removed'))).toBe(true);
    // The removal is not a scan the screens would act on, and the log names no card.
    expect(scans.at(-1)?.code).toBe(JANA.cardNumber);
    expect(logs.join('\n')).not.toContain(JANA.cardNumber);
  });

  it('tells the screens when the card read leaves before anyone signed in with it, once', async () => {
    const before = withdrawn;
    await readerTypes(`;${JANA.cardNumber}?`);
    await readerTypes('%CARD-OUT?');
    expect(withdrawn).toBe(before + 1);
    await readerTypes('%CARD-OUT?');
    expect(withdrawn).toBe(before + 1);
    expect(kiosk.kiosk.holdsCustomer()).toBe(false);
    // Signing in with it afterwards finds no reader to sign them out by.
    expect((await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA })).ok).toBe(true);
    await readerTypes('%CARD-OUT?');
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
  });

  it('says nothing of a withdrawn card once its owner signed in with it (the sign-out says it)', async () => {
    const before = withdrawn;
    await signInWithReadCard();
    await readerTypes('%CARD-OUT?');
    await until('the sign-out', () => !kiosk.kiosk.holdsCustomer());
    expect(withdrawn).toBe(before);
  });

  it('does nothing when nobody is signed in', async () => {
    const logoutsBefore = logouts();
    await readerTypes('%CARD-OUT?');
    expect(pushed).toEqual([]);
    expect(logouts()).toBe(logoutsBefore);
    expect(kiosk.kiosk.holdsCustomer()).toBe(false);
  });

  it('leaves a customer signed in by e-mail signed in', async () => {
    expect(
      (
        await ask<KioskOverview>('kiosk.identify', {
          method: 'email',
          email: JANA_EMAIL,
          password: JANA.password,
        })
      ).ok,
    ).toBe(true);
    pushed.length = 0;
    const logoutsBefore = logouts();
    await readerTypes('%CARD-OUT?');
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
    expect(pushed).toEqual([]);
    expect(logouts()).toBe(logoutsBefore);
    expect((await ask<KioskOverview>('kiosk.overview')).ok).toBe(true);
  });

  it('leaves a customer signed in by a card number typed on screen signed in (never on the reader)', async () => {
    expect((await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA })).ok).toBe(true);
    await readerTypes('%CARD-OUT?');
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
  });

  it('leaves signed in a customer who typed their card number while the reader held another card', async () => {
    await readerTypes(`;${demo.cards.free}?`);
    expect((await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA })).ok).toBe(true);
    await readerTypes('%CARD-OUT?');
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
  });

  it('signs the card\u2019s customer out when the reader is unplugged; reads cards again once it is back', async () => {
    await signInWithReadCard();
    const logoutsBefore = logouts();
    bus.unplug(READER_PATH);
    await until('the sign-out reached CareCloud', () => logouts() > logoutsBefore);
    expect(kiosk.kiosk.holdsCustomer()).toBe(false);
    expect(pushed.at(-1)).toMatchObject({ signedIn: false });
    bus.plug(READER);
    await until('the reader is open again', () => {
      const connection = bus.connections.get(READER_PATH);
      return connection !== undefined && !connection.closed;
    });
    await signInWithReadCard();
  });

  it('leaves the customer signed in when another reader is unplugged; signs them out when it is theirs', async () => {
    await signInWithReadCard();
    const removalsBefore = removalsLogged();
    bus.unplug(OTHER_PATH);
    await until('the other reader\u2019s unplug read', () => removalsLogged() > removalsBefore);
    expect(logs.filter((line) => line.includes('input.cardRemoved')).at(-1)).toContain('reader-unplugged');
    expect(kiosk.kiosk.holdsCustomer()).toBe(true);
    expect((await ask<KioskOverview>('kiosk.overview')).ok).toBe(true);
    await readerTypes('%CARD-OUT?');
    await until('the sign-out', () => !kiosk.kiosk.holdsCustomer());
  });
});
