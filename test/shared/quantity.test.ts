// Line quantities as the cashier reads them: the cashier's decimal mark, to the gram.
import { describe, expect, it } from 'vitest';
import { formatQuantity } from '../../shared/i18n/index.ts';

describe('quantities on screen', () => {
  it('shows kilograms to the gram in the cashier’s language, never rounded to two places', () => {
    expect(formatQuantity('cs', 0.725)).toBe('0,725');
    expect(formatQuantity('en', 0.725)).toBe('0.725');
    expect(formatQuantity('cs', 1.2)).toBe('1,2');
    expect(formatQuantity('cs', 3)).toBe('3');
  });
});
