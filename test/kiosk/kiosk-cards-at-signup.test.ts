// Whether the kiosk gives a free card at sign-up is in its status before any customer
// scans one: off in the settings, or off once CareCloud answered the card calls with 403
// (the kiosk's application lacks the permission). Then a card sent anyway is refused
// before any account is made, and a sign-up without a card goes on.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskSignedUp, KioskStatus } from '../../shared/kiosk.ts';
import { startApp } from '../../electron/app/terminal.ts';
import type { KioskApiSetup } from '../../electron/app/kiosk-terminal.ts';
import { InterfaceNotAllowedError } from '../../electron/carecloud/errors.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { createKioskApi } from '../../electron/kiosk/customer-api-port.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; reasons?: { name: string; reason: string }[] } };

let sandbox: TestSandbox;
let dataDir: string;
let close: () => Promise<void>;

beforeEach(async () => {
  sandbox = await startTestSandbox();
  dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-cards-'));
}, 60_000);
afterEach(async () => {
  await close?.();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The kiosk as startApp builds it; `refuseCards` makes CareCloud answer the free-card check as it does for an
 * application without the permission.
 */
async function kiosk(cardsAtSignUp: boolean, refuseCards = false) {
  const pushed: KioskStatus[] = [];
  const started = await startApp({
    dataDir,
    stores: {
      settings: memoryBackend({
        mode: 'kiosk',
        kiosk: {
          customerApiUrl: sandbox.projectUrl,
          externalApplicationId: KIOSK_APPLICATION_ID,
          cardsAtSignUp,
        },
      }),
      operators: memoryBackend(),
      customerCache: memoryBackend(),
    },
    cipher: keyCipher(randomBytes(32)),
    startDemo: () => Promise.reject(new Error('a configured kiosk starts no demo backend')),
    customerApi: (setup: KioskApiSetup) => {
      const api = createKioskApi(setup);
      if (!refuseCards) return api;
      return {
        ...api,
        isFreeCard: async () => {
          throw new InterfaceNotAllowedError(
            403,
            {
              type: 'interface_not_allowed_exception',
              exception: 'interface_not_allowed_exception',
              title: 'Customer API is not allowed for this resource',
              invalid_params: [],
              error_data: { invalid_resource_name: 'cards' },
            },
            '',
            { method: 'POST', path: '/cards/actions/validate-free-card', correlationId: 'test', attempt: 1 },
          );
        },
      };
    },
  });
  if (started.mode !== 'kiosk') throw new Error('startApp built a till from kiosk settings');
  started.events.connect((event, payload) => {
    if (event === 'kiosk.changed') pushed.push(payload as KioskStatus);
  });
  close = () => started.close();
  const dispatch: Dispatch = started.dispatcher(previewSenderCheck(new Set([1])));
  const ask = async <T>(channel: string, payload?: unknown): Promise<Answer<T>> =>
    (await dispatch(channel, payload, sender)) as Answer<T>;
  return { ask, pushed };
}

async function signUpWith(ask: Awaited<ReturnType<typeof kiosk>>['ask'], tag: string, cardNumber?: string) {
  const agreements = await ask<{ id: string; mandatory: boolean }[]>('kiosk.agreements');
  if (!agreements.ok) throw new Error('no agreements');
  return ask<KioskSignedUp>('kiosk.signUp', {
    firstName: 'Nová',
    lastName: 'Zákaznice',
    email: `nova.${tag}@example.cz`,
    language: 'cs',
    password: 'Secret-123',
    agreements: agreements.value.map((a) => ({ id: a.id, granted: a.mandatory })),
    ...(cardNumber !== undefined ? { cardNumber } : {}),
  });
}

const customersMade = () =>
  sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer').length;
const cardCalls = () =>
  sandbox.control
    .requests()
    .filter((r) => r.operation_id === 'postValidateFreeCard' || r.operation_id === 'postAssignCard').length;

describe('cards at sign-up', () => {
  it('a kiosk set up to give cards says so before anyone scans one', async () => {
    const { ask } = await kiosk(true);
    expect(await ask<KioskStatus>('kiosk.status')).toMatchObject({
      ok: true,
      value: { cardsAtSignUp: true },
    });
  }, 60_000);

  it('a kiosk set up without cards says so, refuses a card sent anyway before sign-up, signs up without', async () => {
    const { ask } = await kiosk(false);
    expect(await ask<KioskStatus>('kiosk.status')).toMatchObject({
      ok: true,
      value: { cardsAtSignUp: false },
    });
    const refused = await signUpWith(ask, 'card', demo.cards.free);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', reasons: [{ name: 'cardNumber', reason: 'not_allowed_value' }] },
    });
    expect(customersMade()).toBe(0);
    expect(cardCalls()).toBe(0);
    const without = await signUpWith(ask, 'nocard');
    expect(without).toMatchObject({
      ok: true,
      value: { overview: { customer: { firstName: 'Nová' } }, card: null },
    });
  }, 60_000);

  it('CareCloud refusing card calls (403) turns cards off for next customers, told to screens at once', async () => {
    const { ask, pushed } = await kiosk(true, true);
    const refused = await signUpWith(ask, 'card', demo.cards.free);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', reasons: [{ name: 'cardNumber', reason: 'not_allowed_value' }] },
    });
    expect(customersMade()).toBe(0);
    expect(pushed.at(-1)).toMatchObject({ cardsAtSignUp: false, inService: true });
    expect(await ask<KioskStatus>('kiosk.status')).toMatchObject({
      ok: true,
      value: { cardsAtSignUp: false },
    });
    expect(await signUpWith(ask, 'nocard')).toMatchObject({ ok: true });
  }, 60_000);
});
