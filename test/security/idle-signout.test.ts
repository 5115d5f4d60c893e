// An operator walks away from a signed-in terminal: after the idle time their role
// allows, the real terminal signs them out by itself, and a late request finds nobody.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../shared/ipc/contract.ts';
import { cashierPin, managerPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';
import { sender } from '../checkout/fixture.ts';

const minute = 60_000;

describe('idle sign-out', () => {
  let fixture: Fixture;
  let clock = Date.parse('2026-12-01T09:00:00Z');
  afterEach(() => fixture.close());

  async function open() {
    fixture = await openTerminal({ now: () => clock });
    return fixture.terminal.dispatcher(() => true);
  }

  function signedOut(): Promise<SessionStatus> {
    return new Promise((resolve) => {
      const stop = fixture.terminal.events.connect((event, payload) => {
        if (event !== 'session.changed' || (payload as SessionStatus).operator !== null) return;
        stop();
        resolve(payload as SessionStatus);
      });
    });
  }

  it('signs a manager out after 5 idle minutes by default, without any request', async () => {
    const dispatch = await open();
    expect(fixture.terminal.settings.current.idleSignOut).toEqual({ managerMinutes: 5, cashierMinutes: 15 });
    await dispatch('operator.signIn', { pin: managerPin }, sender);
    clock += 4 * minute;
    expect(await dispatch('settings.get', undefined, sender)).toMatchObject({ ok: true });
    clock += 4 * minute;
    expect(fixture.terminal.session.active()).toMatchObject({ role: 'manager' });
    const out = signedOut();
    clock += 1 * minute + 1;
    expect((await out).operator).toBeNull();
    expect(await dispatch('settings.get', undefined, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it("the dashboard's own refreshes keep no idle manager signed in", async () => {
    const dispatch = await open();
    await dispatch('operator.signIn', { pin: managerPin }, sender);
    const out = signedOut();
    for (let i = 0; i < 4; i++) {
      clock += minute;
      expect(await dispatch('dashboard.figures', undefined, sender)).toMatchObject({ ok: true });
    }
    clock += 1 * minute + 1;
    expect((await out).operator).toBeNull();
    expect(await dispatch('dashboard.figures', undefined, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it('a request after the idle time finds nobody signed in; a cashier gets the longer cashier time', async () => {
    const dispatch = await open();
    await dispatch('operator.signIn', { pin: cashierPin }, sender);
    clock += 10 * minute;
    expect(await dispatch('checkout.recent', { limit: 1 }, sender)).toMatchObject({ ok: true });
    clock += 15 * minute;
    expect(await dispatch('checkout.recent', { limit: 1 }, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it('the idle times are a setting', async () => {
    const dispatch = await open();
    await dispatch('operator.signIn', { pin: managerPin }, sender);
    expect(
      await dispatch(
        'settings.update',
        { patch: { idleSignOut: { managerMinutes: 2 } }, pin: managerPin },
        sender,
      ),
    ).toMatchObject({
      ok: true,
      value: { idleSignOut: { managerMinutes: 2, cashierMinutes: 15 } },
    });
    expect(
      await dispatch(
        'settings.update',
        { patch: { idleSignOut: { cashierMinutes: 0 } }, pin: managerPin },
        sender,
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    clock += 2 * minute;
    expect(await dispatch('settings.get', undefined, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });
});
