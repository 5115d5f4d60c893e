// A manager's scan rule runs in main on every scan. `^(\d+)+$` on 27 digits and a
// letter took seconds of main's time: such a rule is refused when saved, and a scan
// longer than MAX_PATTERN_INPUT is never run through a pattern at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScanClassifier } from '../../shared/input/classify.ts';
import { MAX_PATTERN_INPUT } from '../../shared/input/classify.ts';
import { classificationSettingsSchema } from '../../shared/input/settings.ts';
import { InvalidSettingsError } from '../../electron/settings/settings-service.ts';
import { openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await openTerminal();
});
afterEach(async () => {
  await fixture.close();
});

function refusal(patch: Parameters<Fixture['terminal']['settings']['update']>[0]): unknown {
  try {
    fixture.terminal.settings.update(patch);
  } catch (error) {
    return error;
  }
  return null;
}

describe('scan rules saved by a manager', () => {
  it.each(['^(\\d+)+$', '^(\\d|\\d)+$', '(x+x+)+y', '^\\d*\\d*\\d*x$'])(
    'refuses %s, which backtracks catastrophically, and keeps the old rule',
    (pattern) => {
      const before = fixture.terminal.settings.view().scanRules.voucher;
      const error = refusal({ scanRules: { voucher: pattern } });
      expect(error).toBeInstanceOf(InvalidSettingsError);
      expect((error as InvalidSettingsError).reasons).toEqual([
        expect.objectContaining({ name: 'scanRules.voucher', reason: 'unsafe_pattern' }),
      ]);
      expect(fixture.terminal.settings.view().scanRules.voucher).toBe(before);
      expect(
        fixture.terminal.settings.input.classification.rules.some((rule) => rule.pattern === pattern),
      ).toBe(false);
    },
  );

  it('saves ordinary card, voucher and gift card patterns', () => {
    const scanRules = {
      loyaltyCard: '^29\\d{11}$',
      voucher: '^VCH-[A-Z0-9]{6,12}$',
      giftCard: '^(GC|GIFT)\\d{8,16}$',
    };
    expect(refusal({ scanRules })).toBeNull();
    expect(fixture.terminal.settings.view().scanRules).toEqual(scanRules);
  });

  it('never runs a pattern over a scan longer than the cap', () => {
    const rules = classificationSettingsSchema.parse({
      rules: [{ name: 'Digits', kind: 'card', pattern: '^\\d+$' }],
      unresolved: 'product',
    });
    const classifier = new ScanClassifier(rules, null);
    const scan = (text: string) => ({
      text,
      source: 'hid-pos' as const,
      aim: null,
      swiped: false,
      deviceId: 'd1',
      receivedAt: 0,
    });
    expect(classifier.decide(scan('1'.repeat(MAX_PATTERN_INPUT)))).toMatchObject({
      kind: 'card',
      rule: 'Digits',
    });
    expect(classifier.decide(scan('1'.repeat(MAX_PATTERN_INPUT + 1)))?.rule ?? null).toBeNull();
  });
});
