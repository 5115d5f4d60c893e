import { describe, expect, it } from 'vitest';
import { ScanClassifier, type ScanLookup } from '../../shared/input/classify.ts';
import { ScanEvents, ScanPipeline, type ScanEvent } from '../../shared/input/scan-events.ts';
import { classificationSettingsSchema, inputSettingsSchema } from '../../shared/input/settings.ts';
import type { RawScan } from '../../shared/input/scan.ts';

const scan = (text: string, extra: Partial<RawScan> = {}): RawScan => ({
  text,
  source: 'hid-pos',
  aim: null,
  swiped: false,
  deviceId: 'd1',
  receivedAt: 0,
  ...extra,
});

const shopRules = classificationSettingsSchema.parse({
  rules: [
    {
      name: 'Retail EAN/UPC',
      kind: 'product',
      lengths: [8, 12, 13],
      pattern: '^(?!2|9[89])\\d+$',
      checkDigit: 'gtin',
    },
    { name: 'Club card', kind: 'card', prefixes: ['2700'], lengths: [13], checkDigit: 'gtin' },
    { name: 'Gift card', kind: 'voucher', pattern: '^GC-[A-Z0-9]{8}$' },
    { name: 'Any 2-prefixed', kind: 'voucher', prefixes: ['27'] },
  ],
});

/** A CareCloud stand-in that knows some cards and vouchers and counts what it was asked. */
function lookup(cards: string[], vouchers: string[], fail = false) {
  const asked: string[] = [];
  const api: ScanLookup = {
    async findCard(code) {
      asked.push(`card:${code}`);
      if (fail) throw new Error('connection refused');
      return cards.includes(code) ? { id: `c-${code}` } : null;
    },
    async findVoucher(code) {
      asked.push(`voucher:${code}`);
      return vouchers.includes(code) ? { id: `v-${code}` } : null;
    },
  };
  return { api, asked };
}

describe('classification rules', () => {
  const classifier = new ScanClassifier(shopRules, null);

  it('decides products by GTIN check digit, cards by prefix, vouchers by pattern', () => {
    expect(classifier.decide(scan('3046920029759'))).toMatchObject({
      kind: 'product',
      decidedBy: 'rule',
      rule: 'Retail EAN/UPC',
    });
    expect(classifier.decide(scan('GC-AB12CD34'))).toMatchObject({ kind: 'voucher', rule: 'Gift card' });
    expect(classifier.decide(scan('3046920029758'))).toBeNull();
  });

  it('cannot decide when rules of different kinds match', () => {
    // 2700000000007 matches both "Club card" and "Any 2-prefixed".
    expect(classifier.decide(scan('2700000000007'))).toBeNull();
  });

  it('treats every swipe as a card', () => {
    expect(classifier.decide(scan('3046920029759', { swiped: true, source: 'hid-magstripe' }))).toMatchObject(
      { kind: 'card', decidedBy: 'swipe' },
    );
  });

  it('limits a rule to symbologies when asked', () => {
    const only = new ScanClassifier(
      classificationSettingsSchema.parse({
        rules: [{ name: 'QR voucher', kind: 'voucher', symbologies: [']Q'] }],
      }),
      null,
    );
    expect(only.decide(scan('ABC', { aim: ']Q1' }))).toMatchObject({ kind: 'voucher' });
    expect(only.decide(scan('ABC', { aim: ']C0' }))).toBeNull();
    expect(only.decide(scan('ABC'))).toBeNull();
  });

  it('has defaults that call retail GTINs products and leave in-store numbers open', () => {
    const defaults = new ScanClassifier(inputSettingsSchema.parse({}).classification, null);
    expect(defaults.decide(scan('95012346'))?.kind).toBe('product');
    expect(defaults.decide(scan('2000000000008'))).toBeNull();
  });

  it('refuses settings with an invalid pattern', () => {
    expect(() =>
      classificationSettingsSchema.parse({ rules: [{ name: 'x', kind: 'card', pattern: '([' }] }),
    ).toThrow(/regular expression/);
  });
});

describe('asking CareCloud', () => {
  it('tries the code as a card, then as a voucher', async () => {
    const { api, asked } = lookup([], ['2700000000007']);
    const result = await new ScanClassifier(shopRules, api).resolve(scan('2700000000007'));
    expect(result).toMatchObject({ kind: 'voucher', decidedBy: 'carecloud', carecloudId: 'v-2700000000007' });
    expect(asked).toEqual(['card:2700000000007', 'voucher:2700000000007']);
  });

  it('stops at a card and never asks about rule-decided codes', async () => {
    const { api, asked } = lookup(['X1'], []);
    const classifier = new ScanClassifier(shopRules, api);
    expect(await classifier.resolve(scan('X1'))).toMatchObject({ kind: 'card', carecloudId: 'c-X1' });
    expect(await classifier.resolve(scan('3046920029759'))).toMatchObject({ kind: 'product' });
    expect(asked).toEqual(['card:X1']);
  });

  it('falls back to the configured kind when nobody knows the code, and says why', async () => {
    const { api } = lookup([], []);
    expect(await new ScanClassifier(shopRules, api).resolve(scan('ZZZ'))).toMatchObject({
      kind: 'product',
      decidedBy: 'fallback',
      note: 'CareCloud knows no card or voucher with this code',
    });
    const unknown = classificationSettingsSchema.parse({ ...shopRules, unresolved: 'unknown' });
    expect(await new ScanClassifier(unknown, null).resolve(scan('ZZZ'))).toMatchObject({
      kind: 'unknown',
      decidedBy: 'fallback',
    });
  });

  it('gives up on a lookup that never answers, so later scans are not held back', async () => {
    const api: ScanLookup = { findCard: () => new Promise(() => {}), findVoucher: async () => null };
    const classifier = new ScanClassifier(
      classificationSettingsSchema.parse({ ...shopRules, lookupTimeoutMs: 100 }),
      api,
    );
    const events = new ScanEvents(() => {});
    const seen: string[] = [];
    events.subscribe(
      (e) => e.type === 'scan' && seen.push(`${e.scan.kind}:${e.scan.decidedBy}:${e.scan.note}`),
    );
    const pipeline = new ScanPipeline(classifier, events);
    pipeline.submit(scan('ZZZ'));
    pipeline.submit(scan('95012346'));
    await pipeline.settled();
    expect(seen).toEqual([
      'unknown:lookup-failed:CareCloud could not be asked what this code is: no answer within 100 ms',
      'product:rule:null',
    ]);
  });

  it('reports a failed lookup as unknown, never guessing', async () => {
    const { api } = lookup([], [], true);
    expect(await new ScanClassifier(shopRules, api).resolve(scan('ZZZ'))).toMatchObject({
      kind: 'unknown',
      decidedBy: 'lookup-failed',
      note: 'CareCloud could not be asked what this code is: connection refused',
    });
  });

  it('takes a code from the offline voucher list as a voucher when CareCloud cannot be asked', async () => {
    const { api } = lookup([], [], true);
    const withList = { ...api, knownVoucher: (code: string) => code === 'DEMO100' };
    expect(await new ScanClassifier(shopRules, withList).resolve(scan('DEMO100'))).toMatchObject({
      kind: 'voucher',
      decidedBy: 'terminal',
    });
    expect(await new ScanClassifier(shopRules, withList).resolve(scan('ZZZ'))).toMatchObject({
      kind: 'unknown',
      decidedBy: 'lookup-failed',
    });
  });
});

describe('scan events', () => {
  it('publishes to subscribers until they unsubscribe', () => {
    const events = new ScanEvents(() => {});
    const seen: ScanEvent[] = [];
    const stop = events.subscribe((e) => seen.push(e));
    const pipeline = new ScanPipeline(new ScanClassifier(shopRules, null), events);
    pipeline.submit(scan('3046920029759'));
    stop();
    pipeline.submit(scan('95012346'));
    expect(seen).toHaveLength(1);
    expect(events.listenerCount).toBe(0);
  });

  it('publishes rule-decided scans at once and keeps arrival order behind a lookup', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api: ScanLookup = {
      findCard: async (code) => (await gate, code === 'CARD1' ? { id: '7' } : null),
      findVoucher: async () => null,
    };
    const events = new ScanEvents(() => {});
    const order: string[] = [];
    events.subscribe((e) =>
      order.push(e.type === 'scan' ? `${e.scan.kind}:${e.scan.text}` : `rejected:${e.read.reason}`),
    );
    const pipeline = new ScanPipeline(new ScanClassifier(shopRules, api), events);
    pipeline.submit(scan('3046920029759'));
    expect(order).toEqual(['product:3046920029759']);
    pipeline.submit(scan('CARD1'));
    pipeline.submit(scan('95012346'));
    pipeline.reject({
      source: 'hid-magstripe',
      deviceId: 'r',
      reason: 'track 2 failed its LRC check',
      receivedAt: 0,
    });
    expect(order).toHaveLength(1);
    release();
    await pipeline.settled();
    expect(order).toEqual([
      'product:3046920029759',
      'card:CARD1',
      'product:95012346',
      'rejected:track 2 failed its LRC check',
    ]);
  });

  it('keeps delivering when a listener throws, and reports the throw', () => {
    const errors: unknown[] = [];
    const events = new ScanEvents((e) => errors.push(e));
    const seen: string[] = [];
    events.subscribe(() => {
      throw new Error('screen crashed');
    });
    events.subscribe((e) => seen.push(e.type));
    new ScanPipeline(new ScanClassifier(shopRules, null), events).submit(scan('95012346'));
    expect(seen).toEqual(['scan']);
    expect(errors).toHaveLength(1);
  });
});
