// A compromised screen asks for exports to read the journal's card numbers over IPC.
// The real terminal writes the file to its exports folder and answers its name and count;
// asked for through the app's screen it writes where the save dialog says, and only the
// preview (a browser on this machine, for demos and tests) gets the content to download.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SenderContext } from '../../electron/ipc/sender.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  type CheckoutFixture,
} from '../checkout/fixture.ts';

describe('exports over IPC', () => {
  let f: CheckoutFixture;
  let billId = '';
  let chosen: string | null = null;
  const asked: { name: string; window: number }[] = [];
  beforeEach(async () => {
    asked.length = 0;
    f = await openCheckout({
      saveDialog: async (name, window) => {
        asked.push({ name, window });
        return chosen;
      },
    });
    await f.signIn(cashierPin);
    const cart = await cartOf(f, [barcodes.bread]);
    const ask = {
      customer: { customerId: demo.customers.regular, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'cash',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (paid.outcome !== 'closed') throw new Error(paid.outcome);
    billId = paid.receipt.billId;
    await f.signIn(managerPin);
  });
  afterEach(() => f.close());

  it('the queue export answers the file name and the count, never the content', async () => {
    for (const format of ['csv', 'json'] as const) {
      const answer = await f.call('queue.export', { filter: {}, format, pin: managerPin });
      expect(answer).toEqual({
        ok: true,
        value: {
          format,
          count: 1,
          file: expect.stringMatching(new RegExp(`^queue-[\\w-]+\\.${format}$`)),
          delivered: 'folder',
          content: null,
        },
      });
      expect(JSON.stringify(answer)).not.toContain(demo.cards.regular.slice(-8));
      if (answer.ok)
        expect(readFileSync(join(f.dataDir, 'exports', answer.value.file), 'utf8')).toContain(billId);
    }
  });

  it('a synced sale keeps only the masked card number, in the journal and so in every export', async () => {
    const entry = (await f.ok('queue.list', { filter: { billId }, page: { limit: 1 } })).entries[0]!;
    expect(entry.state).toBe('synced');
    const shown = await f.ok('queue.show', { id: entry.id });
    expect(shown.request.cardNumber).toBe(
      `${'*'.repeat(demo.cards.regular.length - 4)}${demo.cards.regular.slice(-4)}`,
    );
    const answer = await f.ok('queue.export', { filter: {}, format: 'json', pin: managerPin });
    const content = readFileSync(join(f.dataDir, 'exports', answer.file), 'utf8');
    expect(content).toContain(billId);
    expect(content).not.toContain(demo.cards.regular);
    // Cancelling it still works: the customer id says who it was.
    expect(await f.ok('checkout.cancel', { billId, pin: managerPin })).toMatchObject({ outcome: 'closed' });
  });

  it('so does the audit export', async () => {
    const answer = await f.call('audit.export', { format: 'json', pin: managerPin });
    expect(answer).toEqual({
      ok: true,
      value: {
        format: 'json',
        count: expect.any(Number),
        file: expect.stringMatching(/^audit-[\w-]+\.json$/),
        delivered: 'folder',
        content: null,
      },
    });
    if (answer.ok)
      expect(JSON.parse(readFileSync(join(f.dataDir, 'exports', answer.value.file), 'utf8'))).toEqual(
        expect.any(Array),
      );
  });

  it('through the app’s screen: written where the save dialog says, not returned; closed dialog: none', async () => {
    const window: SenderContext = {
      transport: 'electron',
      webContentsId: 7,
      frameUrl: 'app://terminal/index.html',
      mainFrame: true,
    };
    const dispatch = f.terminal.dispatcher(() => true);
    const folder = mkdtempSync(join(tmpdir(), 'ccpos-save-'));
    try {
      chosen = null;
      const closed = await dispatch(
        'queue.export',
        { filter: {}, format: 'csv', pin: managerPin, to: 'screen' },
        window,
      );
      expect(closed).toMatchObject({ ok: true, value: { delivered: 'cancelled', count: 0, content: null } });
      expect(
        (await f.ok('queue.list', { filter: {}, page: { limit: 5 } })).entries.every((e) => !e.exported),
      ).toBe(true);
      chosen = join(folder, 'evening.csv');
      const saved = await dispatch(
        'queue.export',
        { filter: {}, format: 'csv', pin: managerPin, to: 'screen' },
        window,
      );
      expect(saved).toEqual({
        ok: true,
        value: { format: 'csv', count: 1, file: 'evening.csv', delivered: 'saved', content: null },
      });
      expect(JSON.stringify(saved)).not.toContain(billId);
      expect(readFileSync(chosen, 'utf8')).toContain(billId);
      expect(asked).toEqual([
        { name: expect.stringMatching(/^queue-[\w-]+\.csv$/), window: 7 },
        { name: expect.stringMatching(/^queue-[\w-]+\.csv$/), window: 7 },
      ]);
      chosen = join(folder, 'audit.json');
      expect(
        await dispatch('audit.export', { format: 'json', pin: managerPin, to: 'screen' }, window),
      ).toMatchObject({ ok: true, value: { delivered: 'saved', file: 'audit.json', content: null } });
      expect(JSON.parse(readFileSync(chosen, 'utf8'))).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'export' })]),
      );
      // The exports folder got nothing from these.
      expect(existsSync(join(f.dataDir, 'exports'))).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('through the preview’s screen: the content comes back for the browser; entries marked exported', async () => {
    const answer = await f.ok('queue.export', { filter: {}, format: 'json', pin: managerPin, to: 'screen' });
    expect(answer).toMatchObject({
      format: 'json',
      count: 1,
      delivered: 'download',
      file: expect.stringMatching(/^queue-[\w-]+\.json$/),
    });
    expect(JSON.parse(answer.content ?? '')).toEqual([expect.objectContaining({ bill_id: billId })]);
    expect((await f.ok('queue.list', { filter: {}, page: { limit: 5 } })).entries[0]!.exported).toBe(true);
    expect(asked).toEqual([]);
    const audit = await f.ok('audit.export', { format: 'csv', pin: managerPin, to: 'screen' });
    expect(audit).toMatchObject({
      delivered: 'download',
      file: expect.stringMatching(/^audit-[\w-]+\.csv$/),
    });
    expect(audit.content?.split('\r\n')[0]).toBe('at,actor,action,entry_id,bill_id,detail');
  });
});
