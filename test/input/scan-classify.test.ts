// Keyboard-wedge bursts are classified in main by the terminal's one classifier: the
// configured scan rules first, then CareCloud; a swipe is a card; offline nobody guesses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { managerPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };

describe('input.classify', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;
  const classify = async (text: string) => {
    const result = await dispatch('input.classify', { text }, sender);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { kind: string; code: string; source: string; decidedBy: string } | null;
  };

  beforeAll(async () => {
    fixture = await openTerminal({
      startDemo: () => startSandboxBackend({ rateLimit: null }),
      operators: true,
    });
    dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
  });
  afterAll(() => fixture.close());

  it('is for a signed-in operator only', async () => {
    expect(await dispatch('input.classify', { text: demo.cards.regular }, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(await dispatch('operator.signIn', { pin: managerPin }, sender)).toMatchObject({ ok: true });
  });

  it('uses the rules, CareCloud and the swipe parser of the main process', async () => {
    expect(await classify('8594001234561')).toEqual({
      kind: 'product',
      code: '8594001234561',
      source: 'wedge',
      deviceId: null,
      decidedBy: 'rule',
    });
    expect(await classify(demo.cards.regular)).toMatchObject({
      kind: 'loyalty_card',
      decidedBy: 'carecloud',
    });
    expect(await classify(demo.vouchers.value100)).toMatchObject({ kind: 'voucher', decidedBy: 'carecloud' });
    expect(await classify(`;${demo.cards.regular}?`)).toMatchObject({
      kind: 'loyalty_card',
      code: demo.cards.regular,
      decidedBy: 'swipe',
    });
    expect(await classify('%E?;E?')).toBeNull();
  });

  it('follows the scan rules saved in the settings, and keyboard-mode detection follows its switch', async () => {
    const saved = await dispatch(
      'settings.update',
      {
        patch: { scanRules: { loyaltyCard: '^2000\\d{9}$' }, devices: { wedgeEnabled: false } },
        pin: managerPin,
      },
      sender,
    );
    expect(saved).toMatchObject({ ok: true });
    expect(await classify(demo.cards.regular)).toMatchObject({ kind: 'loyalty_card', decidedBy: 'rule' });
    expect(await dispatch('input.wedgeSettings', undefined, sender)).toMatchObject({
      ok: true,
      value: { enabled: false, maxKeyGapMs: 50 },
    });
  });

  it('says when no rule decides and CareCloud cannot be asked', async () => {
    await fixture.terminal.demoBackend!.setOutage(true);
    while (fixture.terminal.sync.online) await fixture.terminal.sync.probe();
    expect(await classify(demo.vouchers.value100)).toMatchObject({
      kind: 'unknown',
      decidedBy: 'unreachable',
    });
    // A card rule still decides offline.
    expect(await classify(demo.cards.manyPoints)).toMatchObject({ kind: 'loyalty_card', decidedBy: 'rule' });
  });
});
