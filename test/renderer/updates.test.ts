// The till's part in updates: it tells main whether a sale is open, and the manager's
// screen reads the update status and postpones with a PIN.
import { describe, expect, it } from 'vitest';
import { TerminalState } from '../../renderer/src/state/terminal.svelte.ts';
import type { UpdateStatus } from '../../shared/ipc/index.ts';
import { fail, fakeMain, ok } from './fake-main.ts';

const ready: UpdateStatus = {
  state: 'ready',
  channel: 'stable',
  currentVersion: '1.0.0',
  readyVersion: '1.1.0',
  waitingFor: ['sale-open'],
  postponedUntil: null,
  postponeLimit: '2026-12-05T08:00:00.000Z',
  lastCheckedAt: '2026-12-02T08:00:00.000Z',
  problem: null,
};

describe('updates at the till', () => {
  it('reports the open sale to main as it changes', async () => {
    const main = fakeMain({ 'checkout.saleOpen': () => ok(null) });
    const terminal = new TerminalState(main.pos);
    terminal.reportSaleOpen(true);
    terminal.reportSaleOpen(false);
    await Promise.resolve();
    expect(main.calls).toEqual([
      { channel: 'checkout.saleOpen', payload: { open: true } },
      { channel: 'checkout.saleOpen', payload: { open: false } },
    ]);
  });

  it('reads the status, and nothing where the terminal does not update itself', async () => {
    expect(
      await new TerminalState(fakeMain({ 'updates.status': () => ok(ready) }).pos).updateStatus(),
    ).toEqual(ready);
    expect(
      await new TerminalState(
        fakeMain({ 'updates.status': () => fail('not_configured') }).pos,
      ).updateStatus(),
    ).toBeNull();
  });

  it('postpones by four hours with the PIN typed for it', async () => {
    const main = fakeMain({
      'updates.postpone': ({ hours }) =>
        ok({
          ...ready,
          waitingFor: ['postponed', 'sale-open'],
          postponedUntil: new Date(Date.parse('2026-12-02T08:00:00Z') + hours * 3_600_000).toISOString(),
        }),
    });
    const result = await new TerminalState(main.pos).postponeUpdate('753186');
    expect(main.calls).toEqual([{ channel: 'updates.postpone', payload: { hours: 4, pin: '753186' } }]);
    expect(result).toMatchObject({ ok: true, value: { postponedUntil: '2026-12-02T12:00:00.000Z' } });
  });
});
