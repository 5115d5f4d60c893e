import { describe, expect, it } from 'vitest';
import { SessionState } from '../../renderer/src/state/session.svelte.ts';
import type { SessionStatus } from '../../shared/ipc/index.ts';
import { fail, fakeMain, ok } from './fake-main.ts';

const status: SessionStatus = {
  demo: true,
  operator: null,
  store: { id: 's1', name: 'Praha 1' },
  cashdeskNumber: '3',
  language: 'cs',
  timeZone: 'Europe/Prague',
  lockedUntil: null,
};
const cashier = { id: 'o1', name: 'Demo Cashier', role: 'cashier' as const };

describe('operator session', () => {
  it('signs in with a PIN and knows the role', async () => {
    const main = fakeMain({
      'session.status': () => ok(status),
      'operator.signIn': ({ pin }) => (pin === '1111' ? ok(cashier) : fail('wrong_pin')),
    });
    const session = new SessionState(main.pos);
    expect(await session.refresh()).toBeNull();
    expect(session.demo).toBe(true);
    expect(await session.signIn('1111')).toBe(true);
    expect(session.operator).toEqual(cashier);
    expect(session.isManager).toBe(false);
    expect(session.status?.store?.name).toBe('Praha 1');
  });

  it('reports a wrong PIN with the attempts left the main process counted', async () => {
    const main = fakeMain({
      'operator.signIn': () => fail('wrong_pin', 'PIN not accepted', { attemptsLeft: 3 }),
    });
    const session = new SessionState(main.pos);
    expect(await session.signIn('0000')).toBe(false);
    expect(session.problem).toEqual({ code: 'wrong_pin', message: 'PIN not accepted', attemptsLeft: 3 });
    expect(session.operator).toBeNull();
    session.clearProblem();
    expect(session.problem).toBeNull();
  });

  it('reports the lock and until when it lasts', async () => {
    const until = '2026-11-28T15:00:00.000Z';
    const main = fakeMain({ 'operator.signIn': () => fail('locked', 'locked', { until }) });
    const session = new SessionState(main.pos);
    await session.signIn('1234');
    expect(session.lockedUntil?.toISOString()).toBe(until);
  });

  it('takes the lock from a pushed status too, and clears the operator on sign-out', async () => {
    const main = fakeMain({ 'operator.signOut': () => ok(null) });
    const session = new SessionState(main.pos);
    session.apply({ ...status, lockedUntil: '2026-11-28T15:00:00.000Z' });
    expect(session.lockedUntil?.getTime()).toBe(Date.parse('2026-11-28T15:00:00.000Z'));
    session.apply({ ...status, operator: cashier });
    expect(await session.signOut()).toBeNull();
    expect(session.operator).toBeNull();
  });

  it('passes other failures through unchanged', async () => {
    const main = fakeMain({ 'operator.signIn': () => fail('internal', 'disk full') });
    const session = new SessionState(main.pos);
    await session.signIn('1111');
    expect(session.problem).toEqual({ code: 'internal', message: 'disk full' });
  });
});

describe('session status order', () => {
  it('keeps a pushed status that arrived while session.status was on its way', async () => {
    let answer!: (value: ReturnType<typeof ok<SessionStatus>>) => void;
    const main = fakeMain({ 'session.status': () => new Promise((resolve) => (answer = resolve)) });
    const session = new SessionState(main.pos);
    const refreshed = session.refresh();
    session.apply({ ...status, operator: cashier });
    answer(ok(status));
    await refreshed;
    expect(session.operator).toEqual(cashier);
  });
});
