// Background retries against a real local server: the journal's next attempt honours a
// 503's Retry-After and otherwise starts at about one second, as CareCloud asks.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { createSyncEngine } from '../../electron/sync/create-engine.ts';
import { defaultSettings } from '../../shared/settings.ts';
import { purchaseEntry } from '../../electron/sync/closure.ts';
import type { SyncEngine } from '../../electron/sync/engine.ts';
import { tempDir } from '../journal/helpers.ts';
import { fixture, type Fixture } from '../carecloud/fixture.ts';
import { json, text } from '../support/loopback.ts';

const sale = () =>
  purchaseEntry(
    {
      storeId: 'store1',
      cashdesk: 2,
      operator: 'cashier-7',
      bill: {
        currency_id: 'czk',
        total_price: 100,
        bill_items: [
          {
            plu_ids: [{ list_code: 'GLOBAL', code: 'p1' }],
            plu_name: 'Item',
            vat_rate: 21,
            quantity: 1,
            price: 100,
            paid_amount: 100,
            bill_item_id: '1',
            loyalty_off: false,
            purchase_item_type_id: 'it',
          },
        ],
        purchase_type_id: 'pt',
        payment_type: 'A',
      },
    },
    { timeZone: 'Europe/Prague' },
  );

let f: Fixture;
let temp: ReturnType<typeof tempDir>;
let journal: Journal;
let engine: SyncEngine;

async function closeAgainst(...answers: Parameters<Fixture['server']['on']>[2][]) {
  f = await fixture();
  f.server.on('POST', '/purchases/actions/send-purchase', ...answers);
  temp = tempDir();
  journal = Journal.open(join(temp.dir, 'journal.db'));
  engine = createSyncEngine({
    journal,
    client: f.client,
    settings: defaultSettings,
    label: 'test',
    now: () => f.clock.now,
    random: () => 0.5,
  });
  const closed = await engine.close(sale());
  return { closed, wait: journal.get(closed.entry.id)!.nextAttemptAt - f.clock.now };
}

afterEach(async () => {
  await engine?.stop();
  journal?.close();
  temp?.cleanup();
  await f?.close();
});

describe('background retries of a journaled sale', () => {
  it('wait as long as a 503 Retry-After says', async () => {
    const { closed, wait } = await closeAgainst(text(503, '', '', { 'retry-after': '45' }));
    expect(closed).toMatchObject({ outcome: 'queued', why: 'send-failed' });
    expect(wait).toBe(45_000);
    expect(f.server.count('POST', '/purchases/actions/send-purchase')).toBe(1);
  });

  it('start at about one second when CareCloud gives no hint', async () => {
    const { wait } = await closeAgainst(
      json(503, {
        error: {
          type: 't',
          exception: 'service_unavailable_exception',
          title: 'Service Unavailable',
          detail: 'busy',
        },
      }),
    );
    expect(wait).toBe(1_000);
  });
});
