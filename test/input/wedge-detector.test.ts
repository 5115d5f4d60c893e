import { describe, expect, it } from 'vitest';
import { WedgeDetector } from '../../renderer/src/input/wedge-detector.ts';
import { attachWedgeDetector, type KeySource } from '../../renderer/src/input/attach.ts';
import { characterForCode } from '../../shared/input/keyboard-layout.ts';
import { wedgeSettingsSchema, type WedgeSettings } from '../../shared/input/settings.ts';
import { FakeKeyEvent, key, typed, type Step } from '../support/wedge-keys.ts';

/** Feeds steps in time order, firing the detector's timer as a browser would, and records what a field would show. */
function run(steps: Step[], settings: Partial<WedgeSettings> = {}) {
  const scans: string[] = [];
  const rejected: string[] = [];
  let field = '';
  const passedControl: string[] = [];
  const detector = new WedgeDetector(wedgeSettingsSchema.parse(settings), {
    scan: (text) => scans.push(text),
    typing: (keys) => (field += keys.map((k) => k.key).join('')),
    rejected: (reason) => rejected.push(reason),
  });
  const ordered = [...steps].sort((a, b) => a.event.timeStamp - b.event.timeStamp);
  for (const step of ordered) {
    const deadline = detector.deadline;
    if (deadline !== null && deadline < step.event.timeStamp) detector.tick(deadline + 1);
    if (step.type === 'up') {
      detector.keyup(step.event);
      continue;
    }
    if (detector.keydown(step.event) === 'pass') {
      if (step.event.key.length === 1) field += step.event.key;
      else passedControl.push(step.event.key);
    }
  }
  const deadline = detector.deadline;
  if (deadline !== null) detector.tick(deadline + 1);
  return { scans, field, rejected, passedControl, holding: detector.holding };
}

describe('keyboard-wedge bursts', () => {
  it('turns fast bursts into scans that never reach the field, end key included', () => {
    for (const gap of [1, 6, 10, 19]) {
      const result = run(typed('8594000000006', 1000, gap, 1, { end: 'Enter' }));
      expect(result).toEqual({
        scans: ['8594000000006'],
        field: '',
        rejected: [],
        passedControl: [],
        holding: 0,
      });
    }
    expect(run(typed('ABC-123', 0, 5, 1, { end: 'Tab' })).scans).toEqual(['ABC-123']);
  });

  it('gives slow typing back whole and in order', () => {
    expect(run(typed('hello 42', 0, 160, 90))).toMatchObject({ scans: [], field: 'hello 42', holding: 0 });
    // Typing that ends with Enter: the Enter reaches the screen (it may submit a form).
    expect(run(typed('1234', 0, 150, 80, { end: 'Enter' }))).toMatchObject({
      scans: [],
      field: '1234',
      passedControl: ['Enter'],
    });
  });

  it('gives back a fast but short burst and lets its Enter through', () => {
    expect(run(typed('12', 0, 10, 1, { end: 'Enter' }))).toMatchObject({
      scans: [],
      field: '12',
      passedControl: ['Enter'],
    });
  });

  it('splits a slow scanner at the default threshold and reads it once calibrated', () => {
    const zebra = typed('5901234123457', 0, 80, 2, { end: 'Enter' });
    expect(run(zebra)).toMatchObject({ scans: [], field: '5901234123457' });
    expect(run(zebra, { maxKeyGapMs: 125 })).toMatchObject({ scans: ['5901234123457'], field: '' });
  });

  it('keeps a person’s key pressed during a scan out of the scan and gives it back', () => {
    const scanner = typed('8594000000006', 1000, 10, 1, { end: 'Enter' });
    const person = typed('k', 1055, 0, 90);
    expect(run([...scanner, ...person])).toMatchObject({ scans: ['8594000000006'], field: 'k' });
  });

  it('keeps a person’s key pressed just before a scan and one pressed right before its end', () => {
    const person = typed('x', 990, 0, 80);
    const scanner = typed('8594000000006', 1000, 10, 1, { end: 'Enter' });
    expect(run([...person, ...scanner])).toMatchObject({ scans: ['8594000000006'], field: 'x' });
    const late = typed('y', 1125, 0, 100);
    expect(run([...scanner, ...late])).toMatchObject({ scans: ['8594000000006'], field: 'y' });
  });

  it('keeps a person typing before and after a scan whole', () => {
    const steps = [
      ...typed('abc', 0, 150, 80),
      ...typed('10000105', 800, 8, 1, { end: 'Enter' }),
      ...typed('de', 1200, 150, 80),
    ];
    expect(run(steps)).toMatchObject({ scans: ['10000105'], field: 'abcde' });
  });

  it('reads physical keys: a US scanner on a Czech desktop still gives digits', () => {
    const steps = typed('123456', 0, 5, 1, { sentFor: 'us', desktop: 'cz', end: 'Enter' });
    expect(steps[0]!.event.key).toBe('+');
    expect(run(steps).scans).toEqual(['123456']);
    // A person typing the same keys on the Czech desktop gets the Czech characters.
    expect(run(typed('123', 0, 200, 80, { desktop: 'cz' })).field).toBe('+ěš');
  });

  it('reads a scanner configured for the Czech layout when told so', () => {
    const steps = typed('Zy1', 0, 5, 1, { sentFor: 'cz', end: 'Enter' });
    expect(run(steps, { minLength: 3, scannerLayout: 'cz' }).scans).toEqual(['Zy1']);
    expect(run(steps, { minLength: 3, scannerLayout: 'us' }).scans).toEqual(['Yz!']);
  });

  it('reads GS as Ctrl+] inside a GS1 scan', () => {
    const steps = [
      ...typed('0109', 0, 4, 1),
      { type: 'down' as const, event: key('BracketRight', 16, { ctrlKey: true, key: ']' }) },
      { type: 'up' as const, event: key('BracketRight', 17) },
      ...typed('10AB', 20, 4, 1, { end: 'Enter' }),
    ];
    expect(run(steps).scans).toEqual(['0109\u001d10AB']);
  });

  it('gives held keys back when a key that is no character comes, and lets that key through', () => {
    const steps = [
      ...typed('ab', 0, 10, 1),
      { type: 'down' as const, event: key('ArrowLeft', 25, { key: 'ArrowLeft' }) },
    ];
    expect(run(steps)).toMatchObject({ scans: [], field: 'ab', passedControl: ['ArrowLeft'] });
  });

  it('ignores the configured-off suffix and honours disabled detection', () => {
    expect(run(typed('123456', 0, 5, 1, { end: 'Tab' }), { suffixes: ['Enter'] })).toMatchObject({
      scans: [],
      field: '123456',
      passedControl: ['Tab'],
    });
    expect(run(typed('123456', 0, 5, 1, { end: 'Enter' }), { enabled: false })).toMatchObject({
      scans: [],
      field: '123456',
      passedControl: ['Enter'],
    });
  });

  it('rejects a runaway burst instead of typing it into the field', () => {
    const result = run(typed('7'.repeat(40), 0, 2, 1, { end: 'Enter' }), { maxLength: 16 });
    expect(result.rejected).toEqual([
      'a burst longer than 16 keys without an end key',
      'a burst longer than 16 keys without an end key',
    ]);
    expect(result.field).toBe('');
    expect(result.scans).toEqual(['77777777']);
  });
});

describe('attaching to a window', () => {
  it('stops held keys, gives a person’s keys back after the pause, and detaches', () => {
    const source = new EventTarget();
    let now = 0;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const clock = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        const timer = { at: now + ms, fn };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (t: unknown) => void timers.splice(timers.indexOf(t as (typeof timers)[number]), 1),
    };
    const scans: string[] = [];
    const given: string[] = [];
    const screenSaw: string[] = [];
    const attachment = attachWedgeDetector(
      source as KeySource,
      wedgeSettingsSchema.parse({}),
      (text) => scans.push(text),
      { giveBack: (keys) => given.push(...keys.map((k) => k.key)) },
      () => {},
      clock,
    );
    source.addEventListener('keydown', (e) => screenSaw.push((e as FakeKeyEvent).fields.key));

    const press = (code: string, at: number, k = characterForCode(code, false, 'us') ?? code) => {
      now = at;
      const event = new FakeKeyEvent('keydown', key(code, at, { key: k }));
      source.dispatchEvent(event);
      source.dispatchEvent(new FakeKeyEvent('keyup', key(code, at + 1, { key: k })));
      return event.defaultPrevented;
    };
    expect([
      press('Digit1', 0),
      press('Digit2', 5),
      press('Digit3', 10),
      press('Digit4', 15),
      press('Enter', 20, 'Enter'),
    ]).toEqual([true, true, true, true, true]);
    expect(scans).toEqual(['1234']);
    expect(screenSaw).toEqual([]);

    expect(press('KeyA', 1000)).toBe(true);
    expect(given).toEqual([]);
    now = 1100;
    for (const timer of timers.splice(0)) if (timer.at <= now) timer.fn();
    expect(given).toEqual(['a']);

    attachment.detach();
    expect(press('KeyB', 2000)).toBe(false);
    expect(screenSaw).toEqual(['b']);
  });
});
