// The manager's queue walked page by page as the screen does it (the renderer's state over the
// real contract, dispatcher, ManagerQueue and journal) while the till keeps journaling sales and
// the manager voids entries on the pages already read: every entry the filter holds is seen once.
// An offset would skip one entry for every void behind it; the cursor starts after the last id shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPosApi } from '../../shared/ipc/index.ts';
import { ManagerQueueState } from '../../renderer/src/state/manager-queue.svelte.ts';
import { purchaseEntry } from '../../electron/sync/closure.ts';
import { storeIds } from '../../sandbox/seed.ts';
import { managerPin, openCheckout, sender, type CheckoutFixture } from './fixture.ts';

const zone = 'Europe/Prague';
const cardOf = (n: number) => `2990${String(n).padStart(9, '0')}`;

describe("walking the manager's queue page by page", () => {
  let f: CheckoutFixture;
  let sold = 0;

  /** A sale journaled offline as the till does (the sync engine with its circuit open). */
  async function sell(card: string | null): Promise<number> {
    sold += 1;
    const outcome = await f.terminal.sync.close(
      purchaseEntry(
        {
          storeId: storeIds.praha,
          cashdesk: 3,
          operator: 'cashier-7',
          ...(card ? { cardNumber: card } : {}),
          bill: {
            currency_id: 'czk',
            total_price: 100 + sold,
            purchase_type_id: 'pt',
            payment_type: 'A',
            bill_items: [
              {
                plu_ids: [{ list_code: 'GLOBAL', code: 'plu-1' }],
                plu_name: 'Item',
                vat_rate: 21,
                quantity: 1,
                price: 100 + sold,
                paid_amount: 100 + sold,
                bill_item_id: '1',
                loyalty_off: false,
                purchase_item_type_id: 'it',
              },
            ],
          },
        },
        { timeZone: zone },
      ),
    );
    if (outcome.outcome !== 'queued') throw new Error(`expected the sale queued, got ${outcome.outcome}`);
    return outcome.entry.id;
  }

  function screen(pageSize: number): ManagerQueueState {
    const pos = createPosApi({
      invoke: (channel, payload) => f.dispatch(channel, payload, sender) as never,
      subscribe: () => () => {},
    });
    return new ManagerQueueState(
      pos,
      () => zone,
      pageSize,
      () => 'en',
    );
  }

  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(managerPin);
    await f.setOutage(true);
    while (f.terminal.sync.online) await f.terminal.sync.probe();
    // Every third sale carries card 1, the others a card of their own.
    for (let i = 0; i < 47; i += 1) await sell(i % 3 === 0 ? cardOf(1) : cardOf(100 + i));
  }, 60_000);
  afterAll(() => f?.close());

  /**
   * Turns to the next page until there is none, doing `between` after each page; answers every id seen, in order,
   * and the positions the screen showed.
   */
  async function walk(
    queue: ManagerQueueState,
    between: (shown: number[]) => Promise<void>,
  ): Promise<{ seen: number[]; from: number[] }> {
    await queue.apply();
    const seen: number[] = [];
    const from: number[] = [];
    for (let turns = 0; turns < 100; turns += 1) {
      const page = queue.page.value;
      if (!page) throw new Error(`the page did not load: ${JSON.stringify(queue.page.state)}`);
      seen.push(...page.entries.map((e) => e.id));
      from.push(page.from);
      if (!queue.hasNext) return { seen, from };
      await between(page.entries.map((e) => e.id));
      await queue.turn('next');
    }
    throw new Error('the walk did not end');
  }

  it('sees every pending entry once while sales are added and entries behind it are voided', async () => {
    const queue = screen(10);
    queue.draft.state = 'pending';
    const before = (await f.ok('queue.list', { filter: { states: ['pending'] }, page: { limit: 200 } }))
      .entries;
    const added: number[] = [];
    const voided: number[] = [];
    const { seen } = await walk(queue, async (shown) => {
      // The manager voids the first entry of the page just read; the till sells two more meanwhile.
      await f.ok('queue.void', { id: shown[0]!, reason: 'walk test', pin: managerPin });
      voided.push(shown[0]!);
      added.push(await sell(cardOf(900 + added.length)), await sell(null));
    });
    expect(voided.length).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...before.map((e) => e.id), ...added].sort((a, b) => a - b));
    const after = await f.ok('queue.list', { filter: { states: ['pending'] }, page: { limit: 200 } });
    expect(after.total).toBe(before.length + added.length - voided.length);
  });

  it("sees a card's every sale once, searched by its last digits, while more of them are sold", async () => {
    const queue = screen(4);
    queue.draft.search = cardOf(1).slice(-6);
    queue.draft.kind = 'purchase';
    await queue.apply();
    const first = queue.page.value!;
    const total = first.total;
    expect(total).toBeGreaterThan(8);
    const added: number[] = [];
    const { seen, from } = await walk(queue, async () => {
      added.push(await sell(cardOf(1)));
      await sell(cardOf(2));
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total + added.length);
    expect(seen.slice(-added.length)).toEqual(added);
    // The screen counts where each page starts: four entries a page, nothing left the filter.
    expect(from).toEqual(from.map((_, i) => 1 + 4 * i));
    // Back to the start by its cursor, and straight to the newest page.
    await queue.turn('previous');
    expect(queue.page.value!.from).toBe(1 + 4 * (from.length - 2));
    await queue.turn('first');
    expect(queue.page.value!.entries.map((e) => e.id)).toEqual(seen.slice(0, 4));
    expect(queue.hasPrevious).toBe(false);
    await queue.turn('last');
    const last = queue.page.value!;
    expect(last.entries.map((e) => e.id)).toEqual(seen.slice(-4));
    expect(last.from).toBe(last.total - 3);
    expect(queue.hasNext).toBe(false);
  });
});
