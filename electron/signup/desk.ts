// Sign-up at the lane: the form's consents and languages, identifiers checked before the
// customer leaves, one-time codes, and the sign-up itself through the journal (customer
// first, then the free card, which waits for the customer when CareCloud is unreachable).
import { formatCareCloudDate } from '../../shared/datetime.ts';
import type { CustomerProfile } from '../../shared/customers.ts';
import type { Result } from '../../shared/outcome.ts';
import { careCloudPhone } from '../../shared/phone.ts';
import type { TerminalSettings } from '../../shared/settings.ts';
import {
  isEmail,
  signupProblems,
  type IdentifierCheck,
  type SignupForm,
  type SignupOutcome,
  type SignupProblem,
  type SignupSetup,
} from '../../shared/signup.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import {
  ConnectionError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '../carecloud/errors.ts';
import type { BodyOf, Schemas } from '../carecloud/types.ts';
import {
  InvalidInput,
  InvalidState,
  NotConfigured,
  NotFound,
  RefusedByCareCloud,
  Unavailable,
} from '../domain/errors.ts';
import type { JournalEntry, RejectionReason } from '../journal/types.ts';
import { writeEntry } from '../sync/closure.ts';
import type { ClosureOutcome, SyncEngine } from '../sync/engine.ts';

export type SignupApi = Pick<CareCloudClient, 'signup' | 'cards' | 'reference'>;

export interface SignupOptions {
  api: () => SignupApi;
  sync: Pick<SyncEngine, 'close' | 'online' | 'probe'>;
  settings: () => Pick<TerminalSettings, 'storeId' | 'cashdeskNumber' | 'timeZone' | 'signup'>;
  storeCountry: () => Promise<string | null>;
  /** The registered customer as the customer panel shows one. */
  profile: (customerId: string) => Promise<Result<CustomerProfile>>;
  now?: () => number;
}

/** Answers kept per form id, so a second press (or a resend after a lost answer) creates nobody twice. */
const REMEMBERED_FORMS = 200;
/** Phones verified by a one-time code, by the code's request id; a code is good for an hour. */
const VERIFIED_FOR_MS = 3_600_000;

const isOutage = (error: unknown) =>
  error instanceof ConnectionError ||
  error instanceof ServerError ||
  error instanceof RateLimitError ||
  error instanceof UnexpectedResponseError;

/** CareCloud's refusal of a sign-up, as the form's fields. */
function problemsOf(reasons: readonly RejectionReason[]): SignupProblem[] {
  const problems: SignupProblem[] = [];
  for (const r of reasons) {
    if (r.name === 'email')
      problems.push({
        field: 'email',
        reason: r.reason === 'already_exists' ? 'already_registered' : 'invalid',
      });
    else if (r.name === 'phone')
      problems.push({
        field: 'phone',
        reason: r.reason === 'already_exists' ? 'already_registered' : 'invalid',
      });
    else if (r.name === 'birthdate') problems.push({ field: 'birthdate', reason: 'invalid' });
    else if (r.name === 'first_name') problems.push({ field: 'firstName', reason: 'invalid' });
    else if (r.name === 'last_name') problems.push({ field: 'lastName', reason: 'invalid' });
    else if (r.name === 'language_id') problems.push({ field: 'language', reason: 'invalid' });
    else if (r.name === 'consent_id') problems.push({ field: 'consents', reason: 'unknown_consent' });
  }
  return problems;
}

export class SignupDesk {
  readonly #o: SignupOptions;
  readonly #now: () => number;
  readonly #forms = new Map<string, Promise<SignupOutcome>>();
  readonly #verified = new Map<string, { phone: string; until: number }>();

  constructor(options: SignupOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** What the form shows: the mode, the consents with their texts, the languages. Offline, the saved lists. */
  async setup(): Promise<SignupSetup> {
    const settings = this.#o.settings();
    const offline = !this.#o.sync.online;
    const reference = this.#o.api().reference;
    const agreements = await this.#list<Schemas['AgreementList']>(offline, 'agreements', () =>
      reference.agreements(),
    );
    const languages = await this.#list<Schemas['Language']>(offline, 'languages', () =>
      reference.languages(),
    );
    // Saved now for a sign-up while CareCloud is unreachable: a card's type by its prefix, the customer source.
    if (!offline) await Promise.all([reference.cardTypes(), reference.customerSources()]).catch(() => {});
    const ids = (languages ?? [])
      .map((l) => l.language_id)
      .filter((l): l is string => typeof l === 'string' && /^[a-z]{2}$/.test(l));
    return {
      mode: settings.signup.mode,
      verifyPhone: settings.signup.verifyPhone,
      agreements:
        agreements === null
          ? null
          : agreements
              .filter(
                (a): a is Schemas['AgreementList'] & { agreement_id: string } =>
                  typeof a.agreement_id === 'string' && a.agreement_id !== '',
              )
              .map((a) => ({
                id: a.agreement_id,
                name: (a.name ?? a.text_id ?? a.agreement_id).slice(0, 200),
                text: (a.text ?? '').slice(0, 2000),
              })),
      languages: ids.length > 0 ? ids : ['cs', 'en'],
      offline,
    };
  }

  async #list<T>(
    offline: boolean,
    kind: string,
    download: () => Promise<{ items: T[] }>,
  ): Promise<T[] | null> {
    const saved = () => this.#o.api().reference.saved<T>(kind)?.items ?? null;
    if (offline) return saved();
    try {
      return (await download()).items;
    } catch (error) {
      if (!isOutage(error)) throw error;
      this.#unreachable();
      return saved();
    }
  }

  /** Whether an e-mail or phone is still free; `free: null` when CareCloud cannot be asked. */
  async checkIdentifier(type: 'email' | 'phone', text: string): Promise<IdentifierCheck> {
    const value =
      type === 'phone'
        ? careCloudPhone(text, await this.#storeCountry())
        : isEmail(text.trim())
          ? text.trim()
          : null;
    if (value === null)
      throw new InvalidInput(`Not ${type === 'phone' ? 'a phone number' : 'an e-mail address'}`, [
        { name: type, reason: 'invalid', message: 'not valid' },
      ]);
    if (!this.#o.sync.online) return { free: null };
    try {
      return { free: await this.#o.api().signup.canRegister(type, value) };
    } catch (error) {
      if (!isOutage(error)) throw error;
      this.#unreachable();
      return { free: null };
    }
  }

  /** Sends a one-time code by text message; the answer is the request id the code is verified with. */
  async sendCode(phoneText: string): Promise<{ requestId: string }> {
    const phone = careCloudPhone(phoneText, await this.#storeCountry());
    if (phone === null)
      throw new InvalidInput('Not a phone number', [
        { name: 'phone', reason: 'invalid', message: 'not a phone number' },
      ]);
    if (!this.#o.sync.online)
      throw new Unavailable('offline', 'A code cannot be sent while CareCloud cannot be reached');
    const requestId = await this.#o.api().signup.sendCode(2, phone);
    if (requestId === null) throw new Unavailable('carecloud', 'CareCloud sent no request id for the code');
    this.#verified.delete(requestId);
    this.#pending.set(requestId, phone);
    return { requestId };
  }

  readonly #pending = new Map<string, string>();

  /** Checks the code the customer read out; a good one marks the phone verified for this form. */
  async verifyCode(requestId: string, code: string): Promise<{ valid: boolean }> {
    const phone = this.#pending.get(requestId);
    if (phone === undefined) throw new NotFound('No code was sent with this request id');
    const valid = await this.#o.api().signup.verifyCode(requestId, code.trim());
    if (valid) {
      this.#pending.delete(requestId);
      this.#verified.set(requestId, { phone, until: this.#now() + VERIFIED_FOR_MS });
    }
    return { valid };
  }

  /** Signs the customer up once per form id, however often it is asked. */
  register(form: SignupForm, operator: string): Promise<SignupOutcome> {
    const known = this.#forms.get(form.requestId);
    if (known) return known;
    const answer = this.#register(form, operator).catch((error: unknown) => {
      // A failure that created nobody may be tried again with the same form.
      this.#forms.delete(form.requestId);
      throw error;
    });
    this.#forms.set(form.requestId, answer);
    while (this.#forms.size > REMEMBERED_FORMS) this.#forms.delete(this.#forms.keys().next().value!);
    return answer;
  }

  async #register(form: SignupForm, operator: string): Promise<SignupOutcome> {
    const settings = this.#o.settings();
    if (settings.signup.mode === 'off')
      throw new InvalidState('Sign-up at the lane is switched off in the settings');
    const country = await this.#storeCountry();
    const today = formatCareCloudDate(new Date(this.#now()), settings.timeZone);
    const problems = signupProblems(form, today, country);
    const refused = (list: SignupProblem[]): SignupOutcome => ({ outcome: 'refused', problems: list });
    if (problems.length > 0) return refused(problems);

    const email = form.email.trim();
    const phone = form.phone.trim() === '' ? '' : careCloudPhone(form.phone, country)!;
    const card = form.cardNumber.trim();
    const online = this.#o.sync.online;
    const setup = await this.setup();
    if (setup.agreements === null)
      throw new Unavailable('offline', 'The consents were never downloaded and CareCloud cannot be reached');
    const agreementIds = new Set(setup.agreements.map((a) => a.id));
    if (form.consents.some((c) => !agreementIds.has(c.agreementId)))
      return refused([{ field: 'consents', reason: 'unknown_consent' }]);
    if (settings.signup.verifyPhone && phone !== '') {
      if (!online) return refused([{ field: 'phone', reason: 'cannot_verify_offline' }]);
      const verified = form.verificationId ? this.#verified.get(form.verificationId) : undefined;
      if (!verified || verified.phone !== phone || verified.until < this.#now())
        return refused([{ field: 'phone', reason: 'not_verified' }]);
    }

    let cardTypeId: string | null = null;
    if (online) {
      try {
        const taken: SignupProblem[] = [];
        const api = this.#o.api();
        if (email !== '' && !(await api.signup.canRegister('email', email)))
          taken.push({ field: 'email', reason: 'already_registered' });
        if (phone !== '' && !(await api.signup.canRegister('phone', phone)))
          taken.push({ field: 'phone', reason: 'already_registered' });
        if (card !== '') {
          const found = await api.cards.byNumber(card);
          if (!found) taken.push({ field: 'cardNumber', reason: 'card_unknown' });
          else if (!(await api.cards.validateFreeCard(card)))
            taken.push({ field: 'cardNumber', reason: 'card_not_free' });
          else cardTypeId = found.card_type_id ?? null;
        }
        if (taken.length > 0) return refused(taken);
      } catch (error) {
        if (error instanceof InvalidRequestError && error.hasReason('not_found', 'card_number'))
          return refused([{ field: 'cardNumber', reason: 'card_unknown' }]);
        if (!isOutage(error)) throw error;
        this.#unreachable();
      }
    }
    if (card !== '' && cardTypeId === null) {
      cardTypeId = await this.#cardTypeByPrefix(card);
      if (cardTypeId === null) return refused([{ field: 'cardNumber', reason: 'card_unknown' }]);
    }

    const body: BodyOf<'postCustomer'> = {
      autologin: false,
      customer: {
        personal_information: {
          first_name: form.firstName.trim(),
          last_name: form.lastName.trim(),
          language_id: form.language,
          ...(email !== '' ? { email } : {}),
          ...(phone !== '' ? { phone } : {}),
          ...(form.birthdate.trim() !== '' ? { birthdate: form.birthdate.trim() } : {}),
          ...(settings.storeId !== '' ? { store_id: settings.storeId } : {}),
          // Ticked: given (1); shown and left unticked: not given (0), as the kiosk answers it.
          consents: form.consents.map((c) => ({ consent_id: c.agreementId, consent_value: c.given ? 1 : 0 })),
        },
      },
      customer_source: { customer_source_id: await this.#customerSource(settings.signup.customerSourceId) },
    };
    const place = { storeId: settings.storeId, cashdesk: settings.cashdeskNumber, operator };
    const signup = await this.#o.sync.close(
      writeEntry({ kind: 'customer-signup', body, ...place }, { now: this.#now }),
    );
    if (signup.outcome === 'rejected') {
      const list = problemsOf(signup.reasons);
      if (list.length > 0) return refused(list);
      throw new RefusedByCareCloud(
        'CareCloud refused the sign-up',
        signup.reasons.map((r) => ({ name: r.name, reason: r.reason, message: r.message ?? r.reason })),
      );
    }
    const customerId = signup.outcome === 'synced' ? signup.entry.remoteId : null;
    let assignment: ClosureOutcome | null = null;
    if (card !== '' && cardTypeId !== null) {
      // Without the customer's id yet, the assignment waits for the sign-up and takes the id CareCloud gives it.
      const assign = writeEntry(
        {
          kind: 'card-assignment',
          body: {
            card_type_id: cardTypeId,
            card_number: card,
            ...(customerId ? { customer_id: customerId } : {}),
          },
          ...place,
          cardNumber: card,
          ...(customerId ? { customerId } : {}),
        },
        { now: this.#now },
      );
      assignment = await this.#o.sync.close(customerId ? assign : { ...assign, dependsOn: signup.entry.id });
    }
    if (customerId === null) {
      return {
        outcome: 'saved_offline',
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        cardNumber: card !== '' ? card : null,
      };
    }
    return this.#registered(customerId, card, assignment, form, { email, phone });
  }

  async #registered(
    customerId: string,
    card: string,
    assignment: ClosureOutcome | null,
    form: SignupForm,
    contact: { email: string; phone: string },
  ): Promise<SignupOutcome> {
    const cardRefused = assignment?.outcome === 'rejected';
    const profile = await this.#o.profile(customerId).catch(() => null);
    if (profile?.ok) {
      const own = profile.value.cards.find((c) => c.number === card) ?? null;
      return { outcome: 'registered', customer: profile.value.customer, card: own, cardRefused };
    }
    const assigned = assignment?.outcome === 'synced' ? cardOf(assignment.entry, card) : null;
    return {
      outcome: 'registered',
      customer: {
        id: customerId,
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        email: contact.email || null,
        phone: contact.phone || null,
        statusName: null,
        inactive: false,
      },
      card: assigned,
      cardRefused,
    };
  }

  /** Offline, a card's type is the one whose prefix it carries (the longest), from the saved list. */
  async #cardTypeByPrefix(card: string): Promise<string | null> {
    const types = await this.#list<Schemas['CardType']>(!this.#o.sync.online, 'card-types', () =>
      this.#o.api().reference.cardTypes(),
    );
    const matching = (types ?? [])
      .filter((t) => t.card_type_id && t.prefix && card.startsWith(t.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    return matching[0]?.card_type_id ?? null;
  }

  async #customerSource(configured: string): Promise<string> {
    if (configured !== '') return configured;
    const sources = await this.#list<Schemas['CustomerSource']>(
      !this.#o.sync.online,
      'customer-sources',
      () => this.#o.api().reference.customerSources(),
    );
    const chosen = sources?.find((s) => s.customer_source_text_id === 'pos') ?? sources?.[0];
    if (!chosen) throw new NotConfigured('No customer source is set for sign-ups and CareCloud lists none');
    return chosen.customer_source_id;
  }

  async #storeCountry(): Promise<string | null> {
    return this.#o.storeCountry().catch(() => null);
  }

  #unreachable(): void {
    void this.#o.sync.probe().catch(() => {});
  }
}

function cardOf(entry: JournalEntry, number: string) {
  return { id: entry.remoteId ?? '', number, validTo: null, active: true };
}
