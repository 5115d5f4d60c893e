// The read-only voucher check: any code, what CareCloud knows about it.
import type { VoucherCheck } from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import { Part } from './part.svelte.ts';

type VoucherPort = Pick<PosApi, 'vouchers'>;

export class VoucherCheckState {
  readonly #pos: VoucherPort;
  readonly result = new Part<VoucherCheck>();
  readonly offlineList = new Part<{ count: number; syncedAt: string }>();
  #code = $state('');
  #invalid = $state.raw<PosError | null>(null);
  #lastCustomer: string | null = null;

  constructor(pos: VoucherPort) {
    this.#pos = pos;
  }

  get code(): string {
    return this.#code;
  }
  set code(value: string) {
    this.#code = value;
  }

  /** Checks the code for this customer, when one is at the till. */
  async check(code: string = this.#code, customerId: string | null = null): Promise<void> {
    const text = code.trim();
    this.#code = text;
    if (text === '') return;
    if (!/^[\x21-\x7e]{1,64}$/.test(text)) {
      this.result.reset();
      this.#invalid = { code: 'invalid_payload', message: 'not a voucher code' };
      return;
    }
    this.#invalid = null;
    this.#lastCustomer = customerId;
    await this.result.load(() => this.#pos.vouchers.check({ code: text, customerId }));
  }

  /** A code no voucher can have (spaces, too long): said before asking anyone. */
  get invalid(): PosError | null {
    return this.#invalid;
  }

  /** The voucher shown is read again, its names in the language the screens now speak. */
  renamed(): void {
    const shown = this.result.value;
    if (shown && this.#invalid === null)
      void this.result.load(() =>
        this.#pos.vouchers.check({ code: shown.code, customerId: this.#lastCustomer }),
      );
  }

  syncOffline(): Promise<void> {
    return this.offlineList.load(() => this.#pos.vouchers.syncOffline());
  }

  clear(): void {
    this.#code = '';
    this.#invalid = null;
    this.result.reset();
  }
}
