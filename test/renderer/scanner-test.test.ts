// The settings' "scan a test code" (ScannerCalibration): it takes the window's keystrokes
// through the keyboard-wedge attachment the app uses and HID scans through the terminal's
// own scan path, keeps the scan from every screen, and says what the scan shows.
import { describe, expect, it } from 'vitest';
import { attachWedgeDetector, type KeySource } from '../../renderer/src/input/attach.ts';
import { ScannerCalibration, type TestScanTimers } from '../../renderer/src/input/calibration.svelte.ts';
import { TerminalState } from '../../renderer/src/state/terminal.svelte.ts';
import { wedgeSettingsSchema, type WedgeSettings } from '../../shared/input/settings.ts';
import type { SessionStatus } from '../../shared/ipc/index.ts';
import { dispatch, key, typed, type Step } from '../support/wedge-keys.ts';
import { alice, aliceCard, fakeMain, ok } from './fake-main.ts';

const coffee = '8594005650015';

/** Timers the test fires by hand. */
function handTimers() {
  const pending = new Set<{ fn: () => void; ms: number }>();
  const timers: TestScanTimers = {
    setTimeout: (fn, ms) => {
      const timer = { fn, ms };
      pending.add(timer);
      return timer;
    },
    clearTimeout: (handle) => void pending.delete(handle as { fn: () => void; ms: number }),
  };
  /** Fires the timers set for `ms` (the wait, or the pause after keys without an end key). */
  const fire = (ms: number) => {
    for (const timer of [...pending])
      if (timer.ms === ms) {
        pending.delete(timer);
        timer.fn();
      }
  };
  return { timers, fire, pending };
}

/** A window with the app's wedge attachment, a test scan lent its keys, and what the screens saw. */
function lane(settings: Partial<WedgeSettings> = {}) {
  const wedge = wedgeSettingsSchema.parse(settings);
  const target = new EventTarget() as EventTarget & KeySource;
  const scans: string[] = [];
  const screenSaw: string[] = [];
  const attachment = attachWedgeDetector(target, wedge, (text) => scans.push(text), { giveBack: () => {} });
  target.addEventListener('keydown', (event) => screenSaw.push((event as unknown as { key: string }).key));
  const hand = handTimers();
  const test = new ScannerCalibration({ timers: hand.timers, waitMs: 15_000 });
  const returnKeys = test.useKeyboard(attachment);
  const send = (steps: Step[]) => dispatch(target, steps);
  return { test, send, scans, screenSaw, hand, returnKeys, attachment };
}

const checkKeys = (test: ScannerCalibration) => test.report?.checks.map((c) => `${c.status} ${c.key}`);

describe('scan a test code', () => {
  it('takes one keyboard scan instead of the screens, reports it, then lets scans through again', () => {
    const { test, send, scans, screenSaw, hand } = lane();
    test.start();
    expect(test.phase).toBe('listening');
    const steps = typed(coffee, 1000, 8, 2, { end: 'Enter' });
    expect(send(steps)).toBe(14);
    expect(scans).toEqual([]);
    expect(screenSaw).toEqual([]);
    expect(test.phase).toBe('done');
    expect(test.report).toMatchObject({
      source: 'wedge',
      code: coffee,
      deviceId: null,
      typed: null,
      endKey: 'Enter',
      timing: { characters: 13, burstMs: 104, msPerCharacter: 8, slowestGapMs: 8 },
    });
    expect(checkKeys(test)).toEqual([
      'pass scanTest.check.suffix',
      'pass scanTest.check.layout',
      'pass scanTest.check.speed',
      'pass scanTest.check.gtin',
    ]);
    expect(test.report?.checks.find((c) => c.key === 'scanTest.check.gtin')?.params).toEqual({
      format: 'EAN-13',
    });
    expect(hand.pending.size).toBe(0);

    send(typed(coffee, 5000, 8, 2, { end: 'Enter' }));
    expect(scans).toEqual([coffee]);
  });

  it('names a Czech desktop turning a US scanner’s digits into letters; fields get those with detection off', () => {
    const steps = typed('1234567890', 0, 5, 1, { sentFor: 'us', desktop: 'cz', end: 'Enter' });
    const on = lane();
    on.test.start();
    on.send(steps);
    expect(on.test.report).toMatchObject({ code: '1234567890', typed: '+ěščřžýáíé' });
    expect(checkKeys(on.test)).toContain('pass scanTest.check.desktopLayout');

    const off = lane({ enabled: false });
    off.test.start();
    off.send(steps);
    expect(off.screenSaw).toEqual([]);
    expect(checkKeys(off.test)).toEqual([
      'fail scanTest.check.wedgeOff',
      'pass scanTest.check.suffix',
      'fail scanTest.check.desktopLayoutOff',
      'pass scanTest.check.speed',
    ]);
  });

  it('finds a scanner set for the Czech keyboard where the terminal expects the US one', () => {
    const { test, send } = lane();
    test.start();
    send(typed(coffee, 0, 5, 1, { sentFor: 'cz', end: 'Enter' }));
    expect(test.report?.code).toBe('*%($))%^%))!%');
    const mismatch = test.report?.checks.find((c) => c.key === 'scanTest.check.layoutMismatch');
    expect(mismatch).toMatchObject({
      status: 'fail',
      params: { read: '*%($))%^%))!%', meant: coffee },
      words: { sent: 'scanTest.layout.cz', expected: 'scanTest.layout.us' },
    });
  });

  it('says when nothing ends the scan, or an end key the terminal does not take', () => {
    const none = lane();
    none.test.start();
    none.send(typed(coffee, 0, 5, 1));
    expect(none.test.phase).toBe('listening');
    none.hand.fire(600);
    expect(none.test.report?.endKey).toBeNull();
    expect(checkKeys(none.test)).toContain('fail scanTest.check.noSuffix');

    const tab = lane({ suffixes: ['Enter'] });
    tab.test.start();
    tab.send(typed(coffee, 0, 5, 1, { end: 'Tab' }));
    expect(tab.test.report?.checks[0]).toEqual({
      status: 'fail',
      key: 'scanTest.check.suffixNotTaken',
      params: { key: 'Tab', taken: 'Enter' },
    });
  });

  it('measures a scanner slower than the terminal waits and suggests the gap to set', () => {
    const { test, send } = lane({ maxKeyGapMs: 50 });
    test.start();
    send(typed('5901234123457', 0, 80, 2, { end: 'Enter' }));
    // The whole scan reaches the test, though the detector would have split it.
    expect(test.report).toMatchObject({ code: '5901234123457', timing: { msPerCharacter: 80 } });
    expect(test.report?.checks.find((c) => c.key === 'scanTest.check.tooSlow')?.params).toEqual({
      slowest: 80,
      limit: 50,
      suggested: 125,
    });
  });

  it('names what a scanner puts around the code: an AIM identifier, a prefix, characters after it', () => {
    const codes = [`]E0${coffee}`, `#${coffee}`, `${coffee}/`, '12'];
    const found = codes.map((code) => {
      const { test, send } = lane();
      test.start();
      send(typed(code, 0, 5, 1, { end: 'Enter' }));
      return test.report?.checks.filter((c) => c.status === 'fail');
    });
    expect(found).toEqual([
      [{ status: 'fail', key: 'scanTest.check.aim', params: { aim: ']E0' } }],
      [{ status: 'fail', key: 'scanTest.check.prefix', params: { code: coffee, prefix: '#' } }],
      [{ status: 'fail', key: 'scanTest.check.trailing', params: { code: coffee, extra: '/' } }],
      [{ status: 'fail', key: 'scanTest.check.tooShort', params: { characters: 2, min: 4 } }],
    ]);
  });

  it('cancels with Esc, which reaches no screen; keys and scans go their usual way again', () => {
    const { test, send, scans, screenSaw } = lane();
    test.start();
    send(typed('859', 0, 5, 1));
    expect(send([{ type: 'down', event: key('Escape', 20, { key: 'Escape' }) }])).toBe(1);
    expect(test.phase).toBe('idle');
    expect(test.report).toBeNull();
    expect(screenSaw).toEqual([]);
    send(typed(coffee, 1000, 5, 1, { end: 'Enter' }));
    expect(scans).toEqual([coffee]);
  });

  it('says nothing arrived when the wait runs out, and gives the keys back', () => {
    const { test, send, scans, hand } = lane();
    test.start();
    hand.fire(15_000);
    expect(test.phase).toBe('nothing');
    expect(test.report).toBeNull();
    send(typed(coffee, 0, 5, 1, { end: 'Enter' }));
    expect(scans).toEqual([coffee]);
  });

  it('stops when the app takes its keyboard attachment away', () => {
    const { test, send, scans, returnKeys, attachment } = lane();
    test.start();
    returnKeys();
    expect(test.phase).toBe('idle');
    send(typed(coffee, 0, 5, 1, { end: 'Enter' }));
    expect(scans).toEqual([coffee]);
    test.start();
    send(typed(coffee, 1000, 5, 1, { end: 'Enter' }));
    // Without the window's keys the test hears HID scans only.
    expect(scans).toEqual([coffee, coffee]);
    expect(test.phase).toBe('listening');
    test.cancel();
    attachment.detach();
  });
});

describe('scan a test code over HID, on the terminal’s scan path', () => {
  const signedIn: SessionStatus = {
    demo: true,
    operator: { id: 'o1', name: 'Demo Cashier', role: 'cashier' },
    store: null,
    cashdeskNumber: '1',
    language: 'en',
    timeZone: 'Europe/Prague',
    lockedUntil: null,
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('keeps a HID scan from the customer lookup while armed and reports the device it came from', async () => {
    const main = fakeMain({
      'session.status': () => ok(signedIn),
      'customers.identifyByCard': () => ok({ customer: alice, card: aliceCard, fromCache: false }),
    });
    const terminal = new TerminalState(main.pos);
    const stop = terminal.start();
    main.emit('session.changed', signedIn);
    await settle();
    const card = {
      kind: 'loyalty_card' as const,
      code: '10000105',
      source: 'hid' as const,
      decidedBy: 'rule' as const,
    };

    terminal.scannerTest.start();
    main.emit('input.scan', { ...card, deviceId: 'hid:0c2e:0b61' });
    await settle();
    expect(main.calls.some((c) => c.channel === 'customers.identifyByCard')).toBe(false);
    expect(terminal.screen).toBe('lookup');
    expect(terminal.scannerTest.phase).toBe('done');
    expect(terminal.scannerTest.report).toMatchObject({
      source: 'hid',
      code: '10000105',
      deviceId: 'hid:0c2e:0b61',
      timing: null,
      checks: [{ status: 'pass', key: 'scanTest.check.hid' }],
    });

    main.emit('input.scan', { ...card, deviceId: 'hid:0c2e:0b61' });
    await settle();
    expect(main.calls.filter((c) => c.channel === 'customers.identifyByCard')).toHaveLength(1);
    stop();
  });
});
