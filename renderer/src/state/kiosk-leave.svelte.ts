// The manager's way out of kiosk mode on the kiosk's own screen: a PIN on a keypad, sent
// to main's `kiosk.leave`. A refused PIN says why and the kiosk stays a kiosk; an accepted
// one means main is restarting the terminal as a till.
import type { PosError } from '../../../shared/ipc/index.ts';
import { pinRefusalOf } from './errors.ts';
import type { KioskApi } from './kiosk-port.ts';

/** Longest PIN main accepts (shared pinSchema). */
const maxPinLength = 8;

export class KioskLeave {
  readonly #kiosk: Pick<KioskApi, 'leave'>;
  #open = $state(false);
  #pin = $state('');
  #busy = $state(false);
  #problem = $state.raw<PosError | null>(null);
  #restarting = $state(false);

  constructor(kiosk: Pick<KioskApi, 'leave'>) {
    this.#kiosk = kiosk;
  }

  get open(): boolean {
    return this.#open;
  }
  get pin(): string {
    return this.#pin;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** The last refusal (a wrong or locked PIN, a cashier's PIN, main unreachable). */
  get problem(): PosError | null {
    return this.#problem;
  }
  /** Main accepted the PIN: the terminal restarts as a till. */
  get restarting(): boolean {
    return this.#restarting;
  }

  begin(): void {
    if (this.#restarting) return;
    this.#open = true;
    this.#pin = '';
    this.#problem = null;
  }

  cancel(): void {
    if (this.#busy || this.#restarting) return;
    this.#open = false;
    this.#pin = '';
    this.#problem = null;
  }

  /** The keypad's digits and the field's typing both arrive here; anything but digits is dropped. */
  type(text: string): void {
    if (this.#busy) return;
    this.#pin = (this.#pin + text.replace(/\D/g, '')).slice(0, maxPinLength);
  }

  /** What the field holds after typing in it. */
  set(text: string): void {
    if (this.#busy) return;
    this.#pin = text.replace(/\D/g, '').slice(0, maxPinLength);
  }

  backspace(): void {
    if (!this.#busy) this.#pin = this.#pin.slice(0, -1);
  }

  async submit(): Promise<void> {
    if (this.#busy || this.#restarting || !this.#open) return;
    const pin = this.#pin;
    this.#pin = '';
    if (!/^\d{4,8}$/.test(pin)) {
      this.#problem = { code: 'wrong_pin', message: 'PIN not accepted' };
      return;
    }
    this.#busy = true;
    this.#problem = null;
    try {
      const result = await this.#kiosk.leave({ pin });
      if (result.ok) this.#restarting = true;
      else this.#problem = pinRefusalOf(result) ?? result.error;
    } finally {
      this.#busy = false;
    }
  }
}
