import { describe, expect, it, vi } from 'vitest';
import { TerminalState } from '../../renderer/src/state/terminal.svelte.ts';
import type { SessionStatus, SettingsPatch } from '../../shared/ipc/index.ts';
import { defaultSettings } from '../../shared/settings.ts';
import { alice, aliceCard, fakeMain, ok, type Handlers } from './fake-main.ts';

const cashier = { id: 'o1', name: 'Demo Cashier', role: 'cashier' as const };
const manager = { id: 'o2', name: 'Demo Manager', role: 'manager' as const };
const signedOut: SessionStatus = {
  demo: true,
  operator: null,
  store: null,
  cashdeskNumber: '1',
  language: 'cs',
  timeZone: 'Europe/Prague',
  lockedUntil: null,
};

function terminalWith(handlers: Handlers = {}) {
  const patches: SettingsPatch[] = [];
  const main = fakeMain({
    'session.status': () => ok(signedOut),
    'operator.signOut': () => ok(null),
    'customers.identifyByCard': () => ok({ customer: alice, card: aliceCard, fromCache: false }),
    'customers.profile': () => ok({ customer: alice, cards: [aliceCard], fromCache: false }),
    'customers.points': () =>
      ok({ available: 10, earned: 10, redeemed: 0, moneyValue: null, canPayWithPoints: true, asOf: null }),
    'customers.credits': () => ok({ byCurrency: [], asOf: null }),
    'customers.vouchers': () => ok({ vouchers: [], asOf: null }),
    'customers.rewards': () => ok({ rewards: [], asOf: null }),
    'settings.update': ({ patch }) => {
      patches.push(patch);
      return ok({} as never);
    },
    ...handlers,
  });
  const terminal = new TerminalState(main.pos);
  const stop = terminal.start();
  return { main, terminal, stop, patches };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('terminal', () => {
  it('feeds every pushed event to its state and stops listening on teardown', async () => {
    const { main, terminal, stop } = terminalWith();
    await settle();
    expect(terminal.screen).toBe('signin');
    main.emit('sync.status', {
      online: false,
      since: '2026-11-28T13:00:00.000Z',
      queueSize: 2,
      oldestPendingAgeMs: 1000,
      needsAttention: 0,
    });
    main.emit('devices.status', { hid: 'unavailable', devices: [], message: null, said: null });
    main.emit('session.changed', { ...signedOut, operator: cashier, language: 'en' });
    expect(terminal.sync.queueSize).toBe(2);
    expect(terminal.devices.scanner).toBe('keyboard');
    expect(terminal.screen).toBe('lookup');
    expect(terminal.locale.language).toBe('en');
    stop();
    expect(main.listenerCount('sync.status')).toBe(0);
    expect(main.listenerCount('input.scan')).toBe(0);
  });

  it('ignores a malformed push instead of breaking', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { main, terminal, stop } = terminalWith();
    main.emitRaw('sync.status', null);
    main.emitRaw('input.scan', 'garbage');
    expect(terminal.sync.known).toBe(false);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    stop();
  });

  it('opens the customer from a scan, and a new card starts the next customer', async () => {
    const { main, terminal, stop } = terminalWith();
    main.emit('session.changed', { ...signedOut, operator: cashier });
    main.emit('input.scan', {
      kind: 'loyalty_card',
      code: '10000105',
      source: 'hid',
      deviceId: 'd1',
      decidedBy: 'rule',
    });
    await settle();
    expect(terminal.screen).toBe('customer');
    expect(terminal.customer.card?.number).toBe('10000105');
    main.emit('input.scan', {
      kind: 'product',
      code: '8594001234567',
      source: 'hid',
      deviceId: 'd1',
      decidedBy: 'rule',
    });
    await settle();
    expect(terminal.screen).toBe('customer');
    main.emit('input.scan', {
      kind: 'loyalty_card',
      code: '10000106',
      source: 'wedge',
      deviceId: null,
      decidedBy: 'rule',
    });
    await settle();
    expect(main.calls.filter((c) => c.channel === 'customers.identifyByCard')).toHaveLength(2);
    stop();
  });

  it('ignores scans while nobody is signed in', async () => {
    const { main, terminal, stop } = terminalWith();
    main.emit('input.scan', {
      kind: 'loyalty_card',
      code: '10000105',
      source: 'hid',
      deviceId: null,
      decidedBy: 'rule',
    });
    await settle();
    expect(main.calls.some((c) => c.channel === 'customers.identifyByCard')).toBe(false);
    expect(terminal.screen).toBe('signin');
    stop();
  });

  it('keeps a language switch to this sign-in, a manager’s too (saving it takes the settings and a PIN)', async () => {
    const { main, terminal, stop, patches } = terminalWith();
    main.emit('session.changed', { ...signedOut, operator: cashier });
    terminal.switchLanguage();
    expect(terminal.locale.language).toBe('en');
    expect(patches).toEqual([]);
    main.emit('session.changed', { ...signedOut, operator: cashier, queueSize: 1 } as SessionStatus);
    expect(terminal.locale.language).toBe('en');
    main.emit('session.changed', signedOut);
    expect(terminal.locale.language).toBe('cs');
    main.emit('session.changed', { ...signedOut, operator: manager });
    terminal.switchLanguage('en');
    expect(terminal.locale.language).toBe('en');
    expect(patches).toEqual([]);
    stop();
  });

  it('lets only a manager into the settings', async () => {
    const { main, terminal, stop } = terminalWith({
      'settings.get': () =>
        ok({
          projectUrl: '',
          externalApplicationId: '',
          login: '',
          passwordSet: false,
          storeId: '',
          cashdeskNumber: '1',
          language: 'cs',
          timeZone: 'Europe/Prague',
          offlineVoucherPolicy: 'refuse',
          requestTimeoutMs: 3000,
          scanRules: { loyaltyCard: '', voucher: '', giftCard: '' },
          devices: { hidEnabled: true, wedgeEnabled: true },
          idleSignOut: { managerMinutes: 5, cashierMinutes: 15 },
          signup: { mode: 'offered', customerSourceId: '', verifyPhone: false },
          keyStorage: { backend: 'gnome_libsecret', weak: false, acceptedWeak: false },
          printer: { ...defaultSettings.printer },
        }),
      'settings.stores': () => ok([]),
    });
    main.emit('session.changed', { ...signedOut, operator: cashier });
    await terminal.openSettings();
    expect(terminal.screen).toBe('lookup');
    main.emit('session.changed', { ...signedOut, operator: manager });
    await terminal.openSettings();
    expect(terminal.screen).toBe('settings');
    terminal.closeSettings();
    expect(terminal.screen).toBe('lookup');
    stop();
  });

  it('goes back to sign-in and forgets the customer on sign-out', async () => {
    const { main, terminal, stop } = terminalWith();
    main.emit('session.changed', { ...signedOut, operator: cashier });
    await terminal.lookup.identifyCard('10000105');
    expect(terminal.screen).toBe('customer');
    await terminal.signOut();
    expect(terminal.screen).toBe('signin');
    expect(terminal.customer.open).toBe(false);
    stop();
  });
});
