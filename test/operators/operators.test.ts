import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../electron/operators/pin-hash.ts';
import { OperatorDirectory, PinInUseError, PinTooShortError } from '../../electron/operators/operators.ts';
import { demoOperators, seedDemoOperators } from '../../electron/operators/demo-operators.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';

const fastCost = { N: 1024, r: 8, p: 1 };

describe('PIN hashing', () => {
  it('stores a salted scrypt hash, never the PIN', async () => {
    const first = await hashPin('4821', fastCost);
    const second = await hashPin('4821', fastCost);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(first).not.toContain('4821');
    expect(first).not.toBe(second);
    expect(await verifyPin('4821', first)).toBe(true);
    expect(await verifyPin('4822', first)).toBe(false);
  });

  it('treats a malformed stored hash as no match', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3$x$y',
      'bcrypt$1$1$1$AAAAAAAAAAA=$AAAA',
      'scrypt$99999999$8$1$AAAAAAAAAAA=$AAAA',
    ]) {
      expect(await verifyPin('1234', stored)).toBe(false);
    }
  });
});

describe('operator sign-in', () => {
  let dir: string;
  let clock: number;
  const open = (minManagerPin = 6): OperatorDirectory =>
    new OperatorDirectory(new Conf({ cwd: dir, configName: 'operators' }) as KeyValueBackend, {
      policy: { maxAttempts: 3, lockMs: 60_000 },
      now: () => clock,
      minManagerPin,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-operators-'));
    clock = Date.parse('2026-03-01T10:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('signs in the operator whose PIN matches, with their role', async () => {
    const operators = open();
    await operators.add({ name: 'Eva', role: 'cashier', pin: '1357' });
    await operators.add({ name: 'Jan', role: 'manager', pin: '246813' });
    const outcome = await operators.signIn('246813');
    expect(outcome).toMatchObject({ ok: true, operator: { name: 'Jan', role: 'manager' } });
    expect(readFileSync(join(dir, 'operators.json'), 'utf8')).not.toContain('246813');
  });

  it('refuses a PIN another operator uses', async () => {
    const operators = open();
    await operators.add({ name: 'Eva', role: 'cashier', pin: '1357' });
    await expect(operators.add({ name: 'Jan', role: 'cashier', pin: '1357' })).rejects.toBeInstanceOf(
      PinInUseError,
    );
    await expect(operators.add({ name: 'Jan', role: 'manager', pin: '12' })).rejects.toBeInstanceOf(
      RangeError,
    );
  });

  it('wants 6 digits or more for a manager on a configured terminal, 4 in the demo', async () => {
    await expect(open().add({ name: 'Jan', role: 'manager', pin: '24681' })).rejects.toBeInstanceOf(
      PinTooShortError,
    );
    expect(await open(4).add({ name: 'Jan', role: 'manager', pin: '2468' })).toMatchObject({
      role: 'manager',
    });
    // A 4-digit manager left from the demo is not a manager's PIN on a configured terminal.
    expect(await open().signIn('2468')).toMatchObject({ ok: false, reason: 'refused' });
  });

  it('locks after repeated wrong PINs, even for the right PIN, and the lock survives a restart', async () => {
    const operators = open();
    await operators.add({ name: 'Eva', role: 'cashier', pin: '1357' });
    expect(await operators.signIn('0000')).toEqual({ ok: false, reason: 'refused', attemptsLeft: 2 });
    expect(await operators.signIn('0001')).toEqual({ ok: false, reason: 'refused', attemptsLeft: 1 });
    const locked = await operators.signIn('0002');
    expect(locked).toEqual({ ok: false, reason: 'locked', until: new Date(clock + 60_000) });

    const restarted = open();
    expect(restarted.lockedUntil()).toEqual(new Date(clock + 60_000));
    expect(await restarted.signIn('1357')).toMatchObject({ ok: false, reason: 'locked' });

    clock += 60_001;
    expect(await restarted.signIn('1357')).toMatchObject({ ok: true });
  });

  it("a cashier's right PIN clears no count; a manager's clears its prompt's; time clears the rest", async () => {
    const operators = open();
    await operators.add({ name: 'Eva', role: 'cashier', pin: '1357' });
    await operators.add({ name: 'Jan', role: 'manager', pin: '246813' });
    await operators.signIn('0000');
    expect(await operators.signIn('1357')).toMatchObject({ ok: true });
    expect(await operators.signIn('0000')).toMatchObject({ reason: 'refused', attemptsLeft: 1 });
    expect(await operators.checkManager('1357')).toMatchObject({ reason: 'refused', attemptsLeft: 2 });
    expect(await operators.checkManager('246813')).toMatchObject({ ok: true });
    expect(await operators.checkManager('0000')).toMatchObject({ reason: 'refused', attemptsLeft: 2 });
    expect(await operators.signIn('246813')).toMatchObject({ ok: true });
    expect(await operators.signIn('0000')).toMatchObject({ reason: 'refused', attemptsLeft: 2 });
    clock += 60_000;
    expect(await operators.signIn('0000')).toMatchObject({ reason: 'refused', attemptsLeft: 2 });
  });

  it('keeps a lock written in the old single-count form, for sign-in and manager PINs', async () => {
    const backend = new Conf({ cwd: dir, configName: 'operators' }) as KeyValueBackend;
    backend.set('lockout', { failures: 0, lockedUntil: clock + 30_000 });
    const operators = open();
    expect(operators.lockedUntil('signin')).toEqual(new Date(clock + 30_000));
    expect(operators.lockedUntil('manager')).toEqual(new Date(clock + 30_000));
    expect(operators.lockedUntil('unlock')).toBeNull();
  });

  it('seeds the demo cashier and manager once', async () => {
    const operators = open(4);
    await seedDemoOperators(operators);
    await seedDemoOperators(operators);
    expect(operators.list().map((o) => o.role)).toEqual(['cashier', 'manager']);
    for (const demo of demoOperators) {
      expect(await operators.signIn(demo.pin)).toMatchObject({ ok: true, operator: { role: demo.role } });
    }
  });
});
