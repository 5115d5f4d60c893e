// Sign-ups and card assignments through the journal and the real client, against the sandbox.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { writeEntry } from '../../electron/sync/closure.ts';
import { cardNumber, cardTypeIds, storeIds } from '../../sandbox/seed.ts';
import { entityId } from '../../sandbox/ids.ts';
import { sandboxTerminal, type SandboxTerminal } from './sandbox-terminal.ts';

let sandbox: TestSandbox;
let t: SandboxTerminal;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.control.reset();
  t = sandboxTerminal(sandbox.projectUrl, sandbox);
});
afterEach(async () => {
  await t.close();
});

const till = { storeId: storeIds.praha, cashdesk: 2, operator: 'cashier-7' };
const signUp = (email: string) =>
  writeEntry({
    ...till,
    kind: 'customer-signup',
    body: {
      autologin: false,
      customer: {
        personal_information: {
          first_name: 'Jana',
          last_name: 'Nová',
          email,
          language_id: 'cs',
          store_id: storeIds.praha,
        },
      },
      customer_source: { customer_source_id: entityId('customer-source', 1) },
    },
  });

describe('writes other than bills', () => {
  it('a sign-up lands once and keeps the new customer id', async () => {
    const result = await t.engine.close(signUp('jana.nova@example.com'));
    expect(result).toMatchObject({ outcome: 'synced', entry: { kind: 'customer-signup' } });
    expect(result.entry.remoteId).toMatch(/\S/);
  });

  it('a sign-up whose answer was lost is not claimed as landed: the repeat goes to the manager', async () => {
    expect((await t.engine.close(signUp('first@example.com'))).outcome).toBe('synced');
    sandbox.control.dropNext(1);
    const lost = await t.engine.close(signUp('petr.maly@example.com'));
    expect(lost.outcome).toBe('queued');
    for (let i = 0; i < 100 && t.journal.stats().queued > 0; i++) {
      await t.engine.drain();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(t.journal.get(lost.entry.id)).toMatchObject({
      state: 'rejected',
      reasons: [expect.objectContaining({ name: 'email', reason: 'already_exists' })],
    });
  });

  it('a card assignment lands, and assigning the same card again is refused', async () => {
    const created = await t.engine.close(signUp('karel@example.com'));
    const customerId = created.entry.remoteId!;
    const assign = () =>
      writeEntry({
        ...till,
        kind: 'card-assignment',
        customerId,
        body: { card_number: cardNumber(901), card_type_id: cardTypeIds.loyalty, customer_id: customerId },
      });
    expect((await t.engine.close(assign())).outcome).toBe('synced');
    expect(await t.engine.close(assign())).toMatchObject({
      outcome: 'rejected',
      reasons: [expect.objectContaining({ name: 'card_number', reason: 'already_exists' })],
    });
  });
});
