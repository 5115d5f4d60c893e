// The sign-up form at the lane: one per terminal, opened from the lookup or the sale.
// The form's id is fixed when it opens, so however often "Sign up" is pressed, main
// creates one customer and answers every press the same.
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import type { SignupForm, SignupOutcome, SignupProblem, SignupSetup } from '../../../shared/signup.ts';

type SignupPort = Pick<PosApi, 'signup'>;
export type SignupOrigin = 'lookup' | 'sale';
/** An e-mail or phone as CareCloud answered for it before the customer leaves. */
export type IdentifierState = 'unchecked' | 'checking' | 'free' | 'taken' | 'unknown';

export interface CodeState {
  requestId: string | null;
  sending: boolean;
  verified: boolean;
  /** The last code typed was wrong. */
  wrong: boolean;
}

function formId(): string {
  return globalThis.crypto.randomUUID();
}

export class SignUpState {
  readonly #pos: SignupPort;
  #open = $state(false);
  #origin = $state<SignupOrigin>('lookup');
  #setup = $state.raw<SignupSetup | null>(null);
  #error = $state<PosError | null>(null);
  #requestId = '';
  firstName = $state('');
  lastName = $state('');
  email = $state('');
  phone = $state('');
  language = $state('cs');
  birthdate = $state('');
  cardNumber = $state('');
  code = $state('');
  consents = $state<Record<string, boolean>>({});
  #problems = $state.raw<SignupProblem[]>([]);
  #emailState = $state<IdentifierState>('unchecked');
  #phoneState = $state<IdentifierState>('unchecked');
  #codeState = $state<CodeState>({ requestId: null, sending: false, verified: false, wrong: false });
  #submitting = $state(false);
  #outcome = $state.raw<SignupOutcome | null>(null);

  constructor(pos: SignupPort) {
    this.#pos = pos;
  }

  get open(): boolean {
    return this.#open;
  }
  get origin(): SignupOrigin {
    return this.#origin;
  }
  get setup(): SignupSetup | null {
    return this.#setup;
  }
  get mode(): SignupSetup['mode'] {
    return this.#setup?.mode ?? 'off';
  }
  get error(): PosError | null {
    return this.#error;
  }
  get problems(): SignupProblem[] {
    return this.#problems;
  }
  get emailState(): IdentifierState {
    return this.#emailState;
  }
  get phoneState(): IdentifierState {
    return this.#phoneState;
  }
  get codeState(): CodeState {
    return this.#codeState;
  }
  get submitting(): boolean {
    return this.#submitting;
  }
  get outcome(): SignupOutcome | null {
    return this.#outcome;
  }
  /** The phone needs a one-time code before the customer can be created. */
  get needsCode(): boolean {
    return (this.#setup?.verifyPhone ?? false) && this.phone.trim() !== '' && !this.#codeState.verified;
  }

  problemOf(field: SignupProblem['field']): SignupProblem | undefined {
    return this.#problems.find((p) => p.field === field);
  }

  /** Reads the mode, consents and languages (after sign-in, and when the form opens). */
  async load(): Promise<void> {
    const result = await this.#pos.signup.setup();
    if (result.ok) {
      this.#setup = result.value;
      this.#error = null;
    } else this.#error = result.error;
  }

  /** A fresh form (a new id), with a card already scanned when there is one. */
  async start(origin: SignupOrigin, cardNumber = '', language = 'cs'): Promise<void> {
    this.#requestId = formId();
    this.#origin = origin;
    this.firstName = '';
    this.lastName = '';
    this.email = '';
    this.phone = '';
    this.birthdate = '';
    this.code = '';
    this.cardNumber = cardNumber;
    this.#problems = [];
    this.#emailState = 'unchecked';
    this.#phoneState = 'unchecked';
    this.#codeState = { requestId: null, sending: false, verified: false, wrong: false };
    this.#outcome = null;
    this.#submitting = false;
    this.#open = true;
    await this.load();
    const languages = this.#setup?.languages ?? [];
    this.language = languages.includes(language) ? language : (languages[0] ?? language);
    // None pre-ticked: each consent is the customer's own tick.
    this.consents = Object.fromEntries((this.#setup?.agreements ?? []).map((a) => [a.id, false]));
  }

  close(): void {
    this.#open = false;
  }

  /** The last sign-up's notice is read. */
  dismissOutcome(): void {
    this.#outcome = null;
  }

  /** A card scanned while the form is open becomes its card. */
  acceptCard(code: string): void {
    if (!this.#open || this.#submitting) return;
    this.cardNumber = code.trim();
    this.#problems = this.#problems.filter((p) => p.field !== 'cardNumber');
  }

  /** Checks the e-mail or phone with CareCloud as the cashier leaves its field. */
  async checkIdentifier(type: 'email' | 'phone'): Promise<void> {
    const value = (type === 'email' ? this.email : this.phone).trim();
    const set = (state: IdentifierState) =>
      type === 'email' ? (this.#emailState = state) : (this.#phoneState = state);
    if (type === 'phone')
      this.#codeState = { requestId: null, sending: false, verified: false, wrong: false };
    if (value === '') return void set('unchecked');
    set('checking');
    const result = await this.#pos.signup.checkIdentifier({ type, value });
    if ((type === 'email' ? this.email : this.phone).trim() !== value) return;
    // Not an e-mail or phone at all: the sign-up itself says so by the field.
    if (!result.ok) return void set(result.error.code === 'invalid_payload' ? 'unchecked' : 'unknown');
    set(result.value.free === null ? 'unknown' : result.value.free ? 'free' : 'taken');
  }

  async sendCode(): Promise<void> {
    if (this.phone.trim() === '' || this.#codeState.sending) return;
    this.#codeState = { ...this.#codeState, sending: true, wrong: false };
    const result = await this.#pos.signup.sendCode({ phone: this.phone.trim() });
    if (!result.ok) {
      this.#error = result.error;
      this.#codeState = { ...this.#codeState, sending: false };
      return;
    }
    this.#error = null;
    this.#codeState = { requestId: result.value.requestId, sending: false, verified: false, wrong: false };
  }

  async verifyCode(): Promise<void> {
    const requestId = this.#codeState.requestId;
    if (!requestId || this.code.trim() === '') return;
    const result = await this.#pos.signup.verifyCode({ requestId, code: this.code.trim() });
    if (!result.ok) {
      this.#error = result.error;
      return;
    }
    this.#codeState = { ...this.#codeState, verified: result.value.valid, wrong: !result.value.valid };
    if (result.value.valid) this.#problems = this.#problems.filter((p) => p.field !== 'phone');
  }

  /** Signs the customer up; a press while one is under way is the same sign-up, not another. */
  async submit(): Promise<SignupOutcome | null> {
    if (this.#submitting || !this.#open) return null;
    // Main checks the form (shared/signup.ts) before anything reaches CareCloud; only the code is known here first.
    this.#problems = this.needsCode ? [{ field: 'phone', reason: 'not_verified' }] : [];
    if (this.#problems.length > 0) return null;
    this.#submitting = true;
    try {
      const result = await this.#pos.signup.register({
        form: {
          ...this.#form(),
          requestId: this.#requestId,
          verificationId: this.#codeState.verified ? this.#codeState.requestId : null,
        },
      });
      if (!result.ok) {
        this.#error = result.error;
        return null;
      }
      this.#error = null;
      this.#outcome = result.value;
      if (result.value.outcome === 'refused') {
        this.#problems = result.value.problems;
        for (const p of result.value.problems) {
          if (p.field === 'email' && p.reason === 'already_registered') this.#emailState = 'taken';
          if (p.field === 'phone' && p.reason === 'already_registered') this.#phoneState = 'taken';
        }
        return result.value;
      }
      this.#open = false;
      return result.value;
    } finally {
      this.#submitting = false;
    }
  }

  #form(): Omit<SignupForm, 'requestId' | 'verificationId'> {
    return {
      firstName: this.firstName,
      lastName: this.lastName,
      email: this.email.trim(),
      phone: this.phone.trim(),
      language: this.language,
      birthdate: this.birthdate.trim(),
      consents: Object.entries(this.consents).map(([agreementId, given]) => ({ agreementId, given })),
      cardNumber: this.cardNumber.trim(),
    };
  }
}
