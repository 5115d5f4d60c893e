// Signing a customer in at the kiosk: a scanned card, an e-mail or a phone number with the
// customer's password, or the token their mobile app shows as a QR code.
import type { Result } from '../../../shared/ipc/index.ts';
import type { KioskApi, KioskOverview, PosError } from './kiosk-port.ts';

export type KioskLoginMethod = 'card' | 'email' | 'phone';

export type SignInField = 'identifier' | 'password';

export class KioskSignIn {
  readonly #kiosk: KioskApi;
  #method = $state<KioskLoginMethod | null>(null);
  #identifier = $state('');
  #password = $state('');
  #field = $state<SignInField>('identifier');
  #busy = $state(false);
  #error = $state.raw<PosError | null>(null);

  constructor(kiosk: KioskApi) {
    this.#kiosk = kiosk;
  }

  get method(): KioskLoginMethod | null {
    return this.#method;
  }
  get identifier(): string {
    return this.#identifier;
  }
  set identifier(value: string) {
    this.#identifier = value.slice(0, 120);
    this.#error = null;
  }
  get password(): string {
    return this.#password;
  }
  set password(value: string) {
    this.#password = value.slice(0, 100);
    this.#error = null;
  }
  /** The field the on-screen keyboard types into. */
  get field(): SignInField {
    return this.#field;
  }
  set field(field: SignInField) {
    this.#field = field;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get error(): PosError | null {
    return this.#error;
  }
  get ready(): boolean {
    return !this.#busy && this.#identifier.trim() !== '' && this.#password !== '';
  }

  /** A card scanned on the attract screen: only the password is asked. */
  beginWithCard(cardNumber: string): void {
    this.clear();
    this.#method = 'card';
    this.#identifier = cardNumber;
    this.#field = 'password';
  }

  beginTyped(method: 'email' | 'phone'): void {
    this.clear();
    this.#method = method;
    this.#field = 'identifier';
  }

  /** The on-screen keyboard's keys go to the field it types into. */
  type(text: string): void {
    if (this.#field === 'password') this.password = this.#password + text;
    else if (this.#method !== 'card') this.identifier = this.#identifier + text;
  }

  backspace(): void {
    if (this.#field === 'password') this.password = this.#password.slice(0, -1);
    else if (this.#method !== 'card') this.identifier = this.#identifier.slice(0, -1);
  }

  async submit(): Promise<KioskOverview | null> {
    const method = this.#method;
    if (!method || !this.ready) return null;
    const identifier = this.#identifier.trim();
    const password = this.#password;
    return this.#run(() =>
      this.#kiosk.identify(
        method === 'card'
          ? { method, cardNumber: identifier, password }
          : method === 'email'
            ? { method, email: identifier, password }
            : { method, phone: identifier.replace(/\s+/g, ''), password },
      ),
    );
  }

  /** The QR code from the customer's app: no password, the app vouches for them. */
  async withToken(token: string): Promise<KioskOverview | null> {
    if (this.#busy) return null;
    this.clear();
    return this.#run(() => this.#kiosk.identify({ method: 'qr', token }));
  }

  clear(): void {
    this.#method = null;
    this.#identifier = '';
    this.#password = '';
    this.#field = 'identifier';
    this.#error = null;
  }

  async #run(call: () => Promise<Result<KioskOverview>>): Promise<KioskOverview | null> {
    this.#busy = true;
    this.#error = null;
    try {
      const result = await call();
      // A wrong password is never kept for the next try.
      this.#password = '';
      if (result.ok) return result.value;
      this.#error = result.error;
      return null;
    } finally {
      this.#busy = false;
    }
  }
}
