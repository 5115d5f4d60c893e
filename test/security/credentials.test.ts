// A manager points the terminal at a host of their own to collect the stored CareCloud
// password, against a real configured terminal; the "host" is a local HTTP server that
// records everything it receives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { startLoopback, type Loopback } from '../support/loopback.ts';
import { cashierPin, managerPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';
import { sender } from '../checkout/fixture.ts';

const storedPassword = 'St0red-CareCloud-Secret';

describe('the stored CareCloud password stays with its host', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;
  let collector: Loopback;

  beforeEach(async () => {
    collector = await startLoopback('');
    fixture = await openTerminal({ password: storedPassword });
    dispatch = fixture.terminal.dispatcher(() => true);
    expect(await dispatch('operator.signIn', { pin: managerPin }, sender)).toMatchObject({ ok: true });
  });
  afterEach(async () => {
    await fixture.close();
    await collector.close();
  });

  /** Whatever the terminal sends after the change: the store list needs a login first. */
  async function everythingSent(): Promise<string> {
    await dispatch('settings.stores', undefined, sender);
    return collector.requests.map((r) => `${r.rawUrl} ${r.body}`).join('\n');
  }

  it('a new project URL alone forgets the password: the new host never receives it', async () => {
    const changed = await dispatch(
      'settings.update',
      { patch: { projectUrl: collector.origin }, pin: managerPin },
      sender,
    );
    expect(changed).toMatchObject({ ok: true, value: { projectUrl: collector.origin, passwordSet: false } });
    expect(fixture.terminal.settings.password()).toBeNull();
    const sent = await everythingSent();
    expect(collector.requests.length).toBeGreaterThan(0);
    expect(sent).not.toContain(storedPassword);
  });

  it('so do a new application id and a new login', async () => {
    for (const patch of [{ externalApplicationId: 'other-app' }, { login: 'other-login' }]) {
      expect(
        await dispatch('settings.update', { patch: { password: storedPassword }, pin: managerPin }, sender),
      ).toMatchObject({ ok: true, value: { passwordSet: true } });
      const changed = await dispatch('settings.update', { patch, pin: managerPin }, sender);
      expect(changed, JSON.stringify(patch)).toMatchObject({ ok: true, value: { passwordSet: false } });
      expect(fixture.terminal.settings.password()).toBeNull();
    }
  });

  it('keeps the password for other changes, and takes a new one typed with the new address', async () => {
    expect(
      await dispatch(
        'settings.update',
        { patch: { language: 'en', cashdeskNumber: '4' }, pin: managerPin },
        sender,
      ),
    ).toMatchObject({ ok: true, value: { passwordSet: true } });
    expect(fixture.terminal.settings.password()).toBe(storedPassword);
    const moved = await dispatch(
      'settings.update',
      { patch: { projectUrl: collector.origin, password: 'typed-for-this-host' }, pin: managerPin },
      sender,
    );
    expect(moved).toMatchObject({ ok: true, value: { passwordSet: true } });
    expect(fixture.terminal.settings.password()).toBe('typed-for-this-host');
  });

  it('every change needs a manager PIN typed for it, checked in main: without it nothing moves', async () => {
    for (const pin of ['000000', cashierPin]) {
      expect(
        await dispatch('settings.update', { patch: { projectUrl: collector.origin }, pin }, sender),
      ).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    }
    expect(
      await dispatch('settings.update', { patch: { projectUrl: collector.origin } }, sender),
    ).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(fixture.terminal.settings.current.projectUrl).not.toBe(collector.origin);
    expect(fixture.terminal.settings.password()).toBe(storedPassword);
    expect(collector.requests).toEqual([]);
  });
});
