// A paper document (receipt, report, test page) as plain data, written out as ReceiptLine
// markup: the one description main turns into ESC/POS for the printer and into SVG for a
// screen. Text from outside (product and customer names, codes) is escaped here, so no
// caller writes markup by hand and no name can cut the paper or open a column.

export type Align = 'left' | 'center' | 'right';
/** `wide`: double width; `tall`: double height; `big`: both. */
export type TextSize = 'normal' | 'wide' | 'tall' | 'big';

export interface TextStyle {
  align?: Align;
  bold?: boolean;
  size?: TextSize;
}

export interface Cell extends TextStyle {
  text: string;
}

export type Block =
  | { kind: 'text'; cell: Cell }
  | { kind: 'columns'; cells: Cell[]; widths: (number | '*')[] | null }
  | { kind: 'rule' }
  | { kind: 'blank' }
  | { kind: 'code'; data: string; symbol: 'qrcode' | 'code128' };

export interface PaperDocument {
  blocks: Block[];
}

/** Builds a PaperDocument block by block. */
export class PaperBuilder {
  readonly #blocks: Block[] = [];

  text(text: string, style: TextStyle = {}): this {
    this.#blocks.push({ kind: 'text', cell: { text, ...style } });
    return this;
  }

  /** Several cells on one line; `widths` in characters, `*` shares what is left. */
  columns(cells: (Cell | string)[], widths: (number | '*')[] | null = null): this {
    this.#blocks.push({
      kind: 'columns',
      cells: cells.map((c) => (typeof c === 'string' ? { text: c } : c)),
      widths,
    });
    return this;
  }

  /** A label on the left and an amount on the right. */
  pair(left: string, right: string, style: Omit<TextStyle, 'align'> = {}): this {
    return this.columns([
      { text: left, align: 'left', ...style },
      { text: right, align: 'right', ...style },
    ]);
  }

  rule(): this {
    this.#blocks.push({ kind: 'rule' });
    return this;
  }

  blank(): this {
    this.#blocks.push({ kind: 'blank' });
    return this;
  }

  /** A QR code (fits any id on 58 mm paper) or a Code 128 barcode (short printable ASCII only). */
  code(data: string, symbol: 'qrcode' | 'code128' = 'qrcode'): this {
    if (!/^[\x21-\x7e]{1,200}$/.test(data))
      throw new RangeError('A printed code is 1 to 200 printable ASCII characters');
    this.#blocks.push({ kind: 'code', data, symbol });
    return this;
  }

  build(): PaperDocument {
    return { blocks: [...this.#blocks] };
  }
}

// Every character ReceiptLine gives a meaning in text; a backslash makes it literal.
const TEXT_SPECIALS = /[\\|{}~_"`^\-=]/g;

// Printer code pages have no typographic spaces, quotes or dashes (Intl puts a narrow space in "1 234 Kč").
const TYPOGRAPHY: Record<string, string> = {
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00b7': '-',
};

function plainText(text: string): string {
  return text.replace(
    /[\u00a0\u202f\u2009\u2007\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2212\u2026\u00b7]/g,
    (c) => TYPOGRAPHY[c] ?? c,
  );
}

/** Text as ReceiptLine prints it literally: control characters become spaces, specials are escaped. */
export function escapeText(text: string): string {
  return plainText(text)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(TEXT_SPECIALS, (c) => `\\${c}`);
}

function escapeProperty(value: string): string {
  return value.replace(/[\\|{};]/g, (c) => `\\${c}`);
}

const SIZE_MARK: Record<TextSize, string> = { normal: '', wide: '^', tall: '^^', big: '^^^' };

function styled(cell: Cell): string {
  const text = escapeText(cell.text);
  if (text.trim() === '') return '~';
  const bold = cell.bold ? '"' : '';
  return `${SIZE_MARK[cell.size ?? 'normal']}${bold}${text}${bold}`;
}

/**
 * Spaces beside a column's pipes say its alignment (ReceiptLine's "magnet"): `|x |` left, `| x|` right, `| x |` centre.
 */
function column(cell: Cell, fallback: Align): string {
  const text = styled(cell);
  switch (cell.align ?? fallback) {
    case 'left':
      return `${text} `;
    case 'right':
      return ` ${text}`;
    case 'center':
      return ` ${text} `;
  }
}

function line(cells: string[]): string {
  return `|${cells.join('|')}|`;
}

function blockMarkup(block: Block): string {
  switch (block.kind) {
    case 'text':
      return line([column(block.cell, 'left')]);
    case 'columns': {
      const widths = `{width:${block.widths ? block.widths.join(',') : 'auto'}}`;
      const cells = block.cells.map((cell, i) =>
        column(cell, i === block.cells.length - 1 && i > 0 ? 'right' : 'left'),
      );
      return `${widths}\n${line(cells)}\n{width:auto}`;
    }
    case 'rule':
      return '-';
    case 'blank':
      return '';
    case 'code':
      return block.symbol === 'qrcode'
        ? `{code:${escapeProperty(block.data)};option:qrcode,4,m}`
        : `{code:${escapeProperty(block.data)};option:code128,2,64,hri}`;
  }
}

/** The document as ReceiptLine markup. */
export function toMarkup(document: PaperDocument): string {
  return document.blocks.map(blockMarkup).join('\n') + '\n';
}
