import { describe, expect, it } from 'vitest';
import { actorName, NOBODY_SIGNED_IN } from '../../electron/operators/actor-names.ts';

describe("the audit's actors in the screen's language", () => {
  it('says "nobody signed in" and the demo operators in Czech or English, anyone else as recorded', () => {
    expect(actorName(NOBODY_SIGNED_IN, 'cs')).toBe('nikdo nepřihlášen');
    expect(actorName(NOBODY_SIGNED_IN, 'en')).toBe('nobody signed in');
    expect(actorName('Demo Manager', 'cs')).toBe('Ukázkový vedoucí');
    expect(actorName('Ukázková pokladní', 'en')).toBe('Demo Cashier');
    expect(actorName('Eva Svobodová', 'cs')).toBe('Eva Svobodová');
  });
});
