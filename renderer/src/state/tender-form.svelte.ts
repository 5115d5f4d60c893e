// The pay panel's tender: all cash, all card or split, the cash handed over and the card
// part as typed, and what they settle to with the shared cash rules (so the screen shows
// the rounding, the change and the amount paid exactly as the main process will take them).
import { settle, type SettleResult, type Tender } from '../../../shared/checkout/cash.ts';
import { currencyDecimals } from '../../../shared/money.ts';
import { typedMinorUnits } from '../typed-amounts.ts';

export type TenderMode = 'cash' | 'card' | 'split';

export class TenderForm {
  readonly #due: () => { dueMinor: number; currency: string; stepMinor: number };
  mode = $state<TenderMode>('cash');
  /** Cash handed over as typed; empty means the exact amount. */
  cashText = $state('');
  /** The card part of a split payment, as typed. */
  cardText = $state('');

  constructor(due: () => { dueMinor: number; currency: string; stepMinor: number }) {
    this.#due = due;
  }

  get cashInvalid(): boolean {
    return (
      this.mode !== 'card' &&
      this.cashText.trim() !== '' &&
      typedMinorUnits(this.cashText, this.#due().currency) === null
    );
  }
  get cardInvalid(): boolean {
    return this.mode === 'split' && typedMinorUnits(this.cardText, this.#due().currency) === null;
  }

  /** What pay sends; null while a typed amount is not an amount. */
  get tender(): Tender | null {
    if (this.mode === 'card') return 'card';
    if (this.cashInvalid || this.cardInvalid) return null;
    const { currency } = this.#due();
    const cashTenderedMinor = this.cashText.trim() === '' ? null : typedMinorUnits(this.cashText, currency);
    const cardMinor = this.mode === 'split' ? (typedMinorUnits(this.cardText, currency) ?? 0) : 0;
    return cardMinor === 0 && cashTenderedMinor === null ? 'cash' : { cardMinor, cashTenderedMinor };
  }

  get result(): SettleResult | null {
    const tender = this.tender;
    if (tender === null) return null;
    const { dueMinor, stepMinor } = this.#due();
    return settle(dueMinor, tender, stepMinor);
  }

  /** A quick amount: that much cash handed over. */
  tendered(minor: number): void {
    const digits = currencyDecimals(this.#due().currency);
    this.cashText = (minor / 10 ** digits).toFixed(digits);
  }

  reset(): void {
    this.mode = 'cash';
    this.cashText = '';
    this.cardText = '';
  }
}
