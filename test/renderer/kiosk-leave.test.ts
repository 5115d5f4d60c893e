// A manager leaves kiosk mode on the kiosk's own screen: the keypad's PIN goes to main's
// `kiosk.leave` through the app's own port; a refusal is said in the screen's language and
// the kiosk stays one, an accepted PIN is main restarting the terminal as a till.
import { describe, expect, it } from 'vitest';
import { Kiosk } from '../../renderer/src/state/kiosk.svelte.ts';
import { pinRefusalSentence } from '../../renderer/src/state/errors.ts';
import { kioskPort, type KioskStatus } from '../../renderer/src/state/kiosk-port.ts';
import { translate } from '../../shared/i18n/index.ts';
import { deferred, fail, fakeMain, ok } from './fake-main.ts';

const inService: KioskStatus = {
  inService: true,
  signedIn: false,
  demo: true,
  language: 'cs',
  timeZone: 'Europe/Prague',
  inactivity: { idleSeconds: 60, countdownSeconds: 20 },
  cardsAtSignUp: true,
};

function kioskLeaving(
  answer: (
    pin: string,
  ) => ReturnType<typeof ok<null>> | ReturnType<typeof fail> | Promise<ReturnType<typeof ok<null>>>,
) {
  const main = fakeMain({
    'kiosk.status': () => ok(inService),
    'session.language': () => ok({} as never),
    'kiosk.leave': ({ pin }) => answer(pin) as never,
  });
  const kiosk = new Kiosk(main.pos, kioskPort(main.pos));
  kiosk.start();
  const pins = () =>
    main.calls
      .filter((call) => call.channel === 'kiosk.leave')
      .map((call) => (call.payload as { pin: string }).pin);
  return { kiosk, pins };
}

describe('leaving kiosk mode from the kiosk', () => {
  it('sends the keypad PIN; a wrong one is refused in screen language, kiosk stays; a right one restarts', async () => {
    const { kiosk, pins } = kioskLeaving((pin) =>
      pin === '9999' ? ok(null) : fail('wrong_pin', 'PIN not accepted', { attemptsLeft: 4 }),
    );
    await Promise.resolve();
    const { leave } = kiosk;
    leave.begin();
    expect(leave.open).toBe(true);
    for (const digit of '1234') leave.type(digit);
    leave.type('x');
    expect(leave.pin).toBe('1234');
    await leave.submit();
    expect(pins()).toEqual(['1234']);
    expect(leave.problem).toMatchObject({ code: 'wrong_pin', attemptsLeft: 4 });
    expect(leave.restarting).toBe(false);
    expect(leave.pin).toBe('');
    expect(kiosk.screen).toBe('attract');
    kiosk.locale.language = 'cs';
    expect(pinRefusalSentence(kiosk.locale, leave.problem!)).toBe(
      translate('cs', 'pin.refusedLeft', { remaining: 4 }),
    );
    kiosk.locale.language = 'en';
    expect(pinRefusalSentence(kiosk.locale, leave.problem!)).toBe(
      translate('en', 'pin.refusedLeft', { remaining: 4 }),
    );

    leave.set('99a99');
    await leave.submit();
    expect(pins()).toEqual(['1234', '9999']);
    expect(leave.problem).toBeNull();
    expect(leave.restarting).toBe(true);
    // Restarting: nothing closes the dialog or sends again.
    leave.cancel();
    await leave.submit();
    expect(leave.open).toBe(true);
    expect(pins()).toHaveLength(2);
  });

  it("refuses a too short PIN without asking main, and a cashier PIN with main's own refusal", async () => {
    const { kiosk, pins } = kioskLeaving(() => fail('forbidden_role', 'Only a manager'));
    await Promise.resolve();
    const { leave } = kiosk;
    leave.begin();
    leave.set('12');
    await leave.submit();
    expect(pins()).toEqual([]);
    expect(leave.problem?.code).toBe('wrong_pin');
    leave.set('1111');
    await leave.submit();
    expect(leave.problem?.code).toBe('forbidden_role');
    expect(leave.restarting).toBe(false);
    leave.cancel();
    expect(leave.open).toBe(false);
    expect(leave.problem).toBeNull();
  });

  it('takes no scan as a customer while the PIN keypad is open', async () => {
    const { kiosk } = kioskLeaving(() => ok(null));
    await Promise.resolve();
    kiosk.leave.begin();
    await kiosk.acceptScan({
      kind: 'loyalty_card',
      code: '2000000000015',
      source: 'hid',
      deviceId: 'd1',
      decidedBy: 'rule',
    });
    expect(kiosk.screen).toBe('attract');
    kiosk.leave.cancel();
    await kiosk.acceptScan({
      kind: 'loyalty_card',
      code: '2000000000015',
      source: 'hid',
      deviceId: 'd1',
      decidedBy: 'rule',
    });
    expect(kiosk.screen).toBe('signin');
  });

  it('sends once while main is answering', async () => {
    const answer = deferred<ReturnType<typeof ok<null>>>();
    const { kiosk, pins } = kioskLeaving(() => answer.promise);
    await Promise.resolve();
    const { leave } = kiosk;
    leave.begin();
    leave.set('9999');
    const first = leave.submit();
    leave.set('9999');
    await leave.submit();
    expect(leave.busy).toBe(true);
    answer.resolve(ok(null));
    await first;
    expect(pins()).toEqual(['9999']);
    expect(leave.restarting).toBe(true);
  });
});
