import { transform } from 'receiptline';
import { describe, expect, it } from 'vitest';
import { escapeText, PaperBuilder, toMarkup } from '../../shared/printing/document.ts';

const asText = (markup: string, cpl = 32) =>
  transform(markup, { cpl, encoding: 'multilingual', command: 'text' });

describe('paper documents', () => {
  it('prints outside text literally: no name can open a column, cut the paper, or style itself', () => {
    const hostile = 'A|B {code:x} ~_"`^ \\ --- ===';
    const markup = toMarkup(new PaperBuilder().text(hostile).text('---').text('===').build());
    expect(markup.split('\n').filter((line) => /^[-=]+$/.test(line))).toEqual([]);
    const printed = asText(markup, 48);
    expect(printed).toContain(hostile);
    expect(printed).toContain('---');
  });

  it('writes typographic spaces, quotes, dashes as the printer’s code page has them; controls as spaces', () => {
    expect(escapeText('1\u00a0234\u202fKč – „dobrý“ …\u00b7\nx')).toBe('1 234 Kč \\- \\"dobrý\\" ...\\- x');
  });

  it('puts a label left and an amount right on one line', () => {
    const printed = asText(toMarkup(new PaperBuilder().pair('Káva', '45,00 Kč').build()), 32);
    expect(printed.split('\n')[0]).toBe(`Káva${' '.repeat(32 - 4 - 8)}45,00 Kč`);
  });

  it('takes only printable ASCII into a code', () => {
    expect(() => new PaperBuilder().code('a;b}')).not.toThrow();
    expect(() => new PaperBuilder().code('Nováková')).toThrow(RangeError);
    expect(() => new PaperBuilder().code('')).toThrow(RangeError);
  });
});
