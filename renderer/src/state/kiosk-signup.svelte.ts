// Signing up at the kiosk: the customer's own details, each agreement answered by its own
// tick (none ticked for them), a password, and a free card they scan where allowed.
import type { Language } from '../../../shared/ipc/index.ts';
import type { KioskAgreement, KioskApi, KioskSignedUp, PosError } from './kiosk-port.ts';

export type SignUpField = 'firstName' | 'lastName' | 'email' | 'phone' | 'password';
export type SignUpProblem = 'name' | 'contact' | 'email' | 'phone' | 'password' | 'agreement';

const limits: Record<SignUpField, number> = {
  firstName: 60,
  lastName: 60,
  email: 120,
  phone: 20,
  password: 100,
};
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneShape = /^\+?[0-9 ]{9,16}$/;

export class KioskSignUpForm {
  readonly #kiosk: KioskApi;
  #values = $state<Record<SignUpField, string>>({
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    password: '',
  });
  #field = $state<SignUpField>('firstName');
  #language = $state<Language>('cs');
  #agreements = $state.raw<KioskAgreement[] | null>(null);
  #accepted = $state<Record<string, boolean>>({});
  #cardNumber = $state<string | null>(null);
  /** Main said this kiosk cannot give a card: none is offered any more. */
  #cardsRefused = $state(false);
  /** The kiosk's status says it gives cards at sign-up (known before the customer scans one). */
  #cardsOffered = $state(true);
  #loadError = $state.raw<PosError | null>(null);
  #error = $state.raw<PosError | null>(null);
  #problems = $state<SignUpProblem[]>([]);
  #busy = $state(false);
  #generation = 0;

  constructor(kiosk: KioskApi) {
    this.#kiosk = kiosk;
  }

  value(field: SignUpField): string {
    return this.#values[field];
  }
  set(field: SignUpField, value: string): void {
    this.#values[field] = value.slice(0, limits[field]);
    this.#problems = [];
    this.#error = null;
  }
  get field(): SignUpField {
    return this.#field;
  }
  set field(field: SignUpField) {
    this.#field = field;
  }
  type(text: string): void {
    this.set(this.#field, this.#values[this.#field] + text);
  }
  backspace(): void {
    this.set(this.#field, this.#values[this.#field].slice(0, -1));
  }
  get language(): Language {
    return this.#language;
  }
  set language(language: Language) {
    this.#language = language;
  }
  get agreements(): KioskAgreement[] | null {
    return this.#agreements;
  }
  accepted(id: string): boolean {
    return this.#accepted[id] === true;
  }
  setAccepted(id: string, accepted: boolean): void {
    this.#accepted[id] = accepted;
    this.#problems = [];
  }
  get cardNumber(): string | null {
    return this.#cardNumber;
  }
  get cardsRefused(): boolean {
    return this.#cardsRefused;
  }
  /** Whether the screen asks for a card at all: the kiosk gives cards and main has not refused one on this form. */
  get cardsOffered(): boolean {
    return this.#cardsOffered && !this.#cardsRefused;
  }
  set cardsOffered(offered: boolean) {
    this.#cardsOffered = offered;
    if (!offered) this.#cardNumber = null;
  }
  /** A free card the customer scanned while signing up (ignored when the kiosk gives none). */
  assignCard(cardNumber: string | null): void {
    this.#cardNumber = this.cardsOffered ? cardNumber : null;
  }
  get loadError(): PosError | null {
    return this.#loadError;
  }
  get error(): PosError | null {
    return this.#error;
  }
  get problems(): readonly SignUpProblem[] {
    return this.#problems;
  }
  get busy(): boolean {
    return this.#busy;
  }

  /** A fresh form in the screen's language, with CareCloud's agreements as they are now. */
  async open(language: Language): Promise<void> {
    this.clear();
    this.#language = language;
    const generation = this.#generation;
    const result = await this.#kiosk.agreements();
    if (generation !== this.#generation) return;
    if (result.ok) this.#agreements = result.value;
    else this.#loadError = result.error;
  }

  /** What is wrong before anything is sent. */
  check(): SignUpProblem[] {
    const v = this.#values;
    const problems: SignUpProblem[] = [];
    if (!v.firstName.trim() || !v.lastName.trim()) problems.push('name');
    const email = v.email.trim();
    const phone = v.phone.trim();
    if (!email && !phone) problems.push('contact');
    if (email && !emailShape.test(email)) problems.push('email');
    if (phone && !phoneShape.test(phone)) problems.push('phone');
    if (v.password.length < 8) problems.push('password');
    if ((this.#agreements ?? []).some((agreement) => agreement.mandatory && !this.accepted(agreement.id)))
      problems.push('agreement');
    return problems;
  }

  /** The new customer's account and what became of their card; null while the form stays. */
  async submit(): Promise<KioskSignedUp | null> {
    if (this.#busy || !this.#agreements) return null;
    this.#problems = this.check();
    if (this.#problems.length > 0) return null;
    const v = this.#values;
    this.#busy = true;
    this.#error = null;
    const generation = this.#generation;
    try {
      const email = v.email.trim();
      const phone = v.phone.replace(/\s+/g, '');
      const result = await this.#kiosk.signUp({
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        language: this.#language,
        password: v.password,
        agreements: this.#agreements.map((agreement) => ({
          id: agreement.id,
          granted: this.accepted(agreement.id),
        })),
        ...(this.#cardNumber ? { cardNumber: this.#cardNumber } : {}),
      });
      if (generation !== this.#generation) return null;
      if (result.ok) return result.value;
      if (kioskGivesNoCards(result.error)) {
        // This kiosk gives no cards: the customer signs up without one (at the checkout they get it).
        this.#cardNumber = null;
        this.#cardsRefused = true;
        return null;
      }
      // A card that is not free is not offered again; the refusal says why.
      if (cardRefused(result.error)) this.#cardNumber = null;
      this.#error = result.error;
      return null;
    } finally {
      if (generation === this.#generation) this.#busy = false;
    }
  }

  clear(): void {
    this.#generation++;
    this.#values = { firstName: '', lastName: '', email: '', phone: '', password: '' };
    this.#field = 'firstName';
    this.#agreements = null;
    this.#accepted = {};
    this.#cardNumber = null;
    this.#cardsRefused = false;
    this.#loadError = null;
    this.#error = null;
    this.#problems = [];
    this.#busy = false;
  }
}

/** Main's answer that this kiosk cannot give the new customer a card at all. */
function kioskGivesNoCards(error: PosError): boolean {
  return (
    error.code === 'invalid_payload' && (error.reasons ?? []).some((reason) => reason.name === 'cardNumber')
  );
}

/** CareCloud refused the scanned card itself (not free, unknown). */
function cardRefused(error: PosError): boolean {
  return (error.reasons ?? []).some(
    (reason) => reason.name === 'card_number' || reason.name === 'cardNumber',
  );
}
