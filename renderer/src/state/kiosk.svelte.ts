// The self-service kiosk as its screens see it: which screen shows, the signed-in
// customer's account, and the actions that span several parts. Signing out (a tap on
// "done", the idle countdown, CareCloud going away, main's own sign-out) leaves nothing
// of the customer here.
import type { Language, PosApi, PosError, ScanEvent } from '../../../shared/ipc/index.ts';
import { feedEvents } from './feed.ts';
import { KioskIdle, type IdleClock } from './kiosk-idle.svelte.ts';
import type {
  KioskCardOutcome,
  KioskOverview,
  KioskPort,
  KioskSignOutReason,
  KioskStatus,
} from './kiosk-port.ts';
import { KioskRedeem } from './kiosk-redeem.svelte.ts';
import { KioskSignIn } from './kiosk-signin.svelte.ts';
import { KioskSignUpForm } from './kiosk-signup.svelte.ts';
import { KioskLeave } from './kiosk-leave.svelte.ts';
import { KioskLocale } from './kiosk-locale.svelte.ts';

export type KioskScreen = 'connecting' | 'offline' | 'attract' | 'signin' | 'signup' | 'customer';
type KioskView = 'attract' | 'signin' | 'signup';

/** What a code from the customer's app can be: printable, bounded (as main checks it). */
const tokenShape = /^[\x21-\x7e]{8,512}$/;
/** Touches tell main the customer is still there, at most this often (main signs out on its own otherwise). */
const keepAliveEveryMs = 10_000;

export interface KioskOptions {
  clock?: IdleClock;
  newId?: () => string;
  now?: () => number;
}

export class Kiosk {
  readonly locale = new KioskLocale();
  readonly idle: KioskIdle;
  readonly signIn: KioskSignIn;
  readonly signUp: KioskSignUpForm;
  readonly redeem: KioskRedeem;
  /** A manager taking the terminal out of kiosk mode. */
  readonly leave: KioskLeave;
  readonly #pos: Pick<PosApi, 'input' | 'session' | 'on'>;
  readonly #port: KioskPort;
  readonly #now: () => number;
  #status = $state.raw<KioskStatus | null>(null);
  #view = $state<KioskView>('attract');
  #overview = $state.raw<KioskOverview | null>(null);
  #problem = $state.raw<PosError | null>(null);
  /** What became of the card scanned at sign-up, while that customer is here; null: nothing to say. */
  #card = $state.raw<KioskCardOutcome | null>(null);
  #assigning = $state(false);
  #scans: Promise<void> = Promise.resolve();
  #keptAliveAt = 0;
  /** Bumped at every sign-out: an answer that was for the customer before is dropped. */
  #visit = 0;

  constructor(pos: Pick<PosApi, 'input' | 'session' | 'on'>, port: KioskPort, options: KioskOptions = {}) {
    this.#pos = pos;
    this.#port = port;
    this.#now = options.now ?? (() => Date.now());
    this.idle = new KioskIdle(() => void this.signOut('inactivity'), options.clock);
    this.signIn = new KioskSignIn(port.kiosk);
    this.signUp = new KioskSignUpForm(port.kiosk);
    this.redeem = new KioskRedeem(port.kiosk, options.newId);
    this.leave = new KioskLeave(port.kiosk);
  }

  get screen(): KioskScreen {
    if (!this.#status) return 'connecting';
    if (!this.#status.inService) return 'offline';
    if (this.#overview) return 'customer';
    return this.#view;
  }
  get overview(): KioskOverview | null {
    return this.#overview;
  }
  get status(): KioskStatus | null {
    return this.#status;
  }
  /** The new customer's card: theirs now, or why not and whether another free card may be scanned. */
  get card(): KioskCardOutcome | null {
    return this.#card;
  }
  get assigningCard(): boolean {
    return this.#assigning;
  }
  /** A failure that belongs to no form: shown on the attract screen. */
  get problem(): PosError | null {
    return this.#problem;
  }

  /** Subscribes to the pushes, reads the kiosk's state; returns the teardown. */
  start(): () => void {
    const stopEvents = feedEvents(this.#pos, {
      'input.scan': (scan) => void this.acceptScan(scan),
      'kiosk.cardWithdrawn': () => this.cardWithdrawn(),
    });
    const stopChanged = this.#port.onChanged((status) => this.#apply(status));
    void this.#port.kiosk.status().then((result) => {
      if (result.ok) this.#apply(result.value);
      else this.#problem = result.error;
    });
    return () => {
      stopEvents();
      stopChanged();
      this.idle.stop();
    };
  }

  /** A keyboard-mode scanner's burst: classified in main like every scan, then taken in the order scanned. */
  acceptWedgeText(text: string): Promise<void> {
    this.#scans = this.#scans.then(async () => {
      const result = await this.#pos.input.classify({ text });
      if (!result.ok) this.#problem = result.error;
      else if (result.value) await this.acceptScan(result.value);
    });
    return this.#scans;
  }

  /**
   * A scan from any source. A loyalty card starts signing its owner in (signing out whoever
   * was here); while signing up it is the free card to assign; anything else on the attract
   * or sign-in screen is tried as the QR code from the customer's app.
   */
  async acceptScan(scan: ScanEvent): Promise<void> {
    const screen = this.screen;
    // A manager typing the PIN to leave kiosk mode is no customer scanning in.
    if (screen === 'connecting' || screen === 'offline' || this.leave.open) return;
    this.touch();
    if (screen === 'signup') {
      if (scan.kind === 'loyalty_card' || scan.kind === 'unknown') this.signUp.assignCard(scan.code);
      return;
    }
    // Just signed up and the card was refused: the next card scanned is the one to try instead.
    if (
      screen === 'customer' &&
      this.#card?.assigned === false &&
      this.#card.retry &&
      (scan.kind === 'loyalty_card' || scan.kind === 'unknown')
    ) {
      await this.assignCard(scan.code);
      return;
    }
    if (scan.kind === 'loyalty_card') {
      if (screen === 'customer') await this.signOut('done');
      this.#problem = null;
      this.signIn.beginWithCard(scan.code);
      this.#view = 'signin';
      return;
    }
    // The app's code is no card, whatever else the scan rules guessed it might be.
    if (screen === 'customer' || !tokenShape.test(scan.code)) return;
    this.#problem = null;
    const visit = this.#visit;
    const overview = await this.signIn.withToken(scan.code);
    if (visit !== this.#visit) return;
    if (overview) this.#welcome(overview);
    else if (this.signIn.error) {
      this.#problem = this.signIn.error;
      this.#view = 'attract';
    }
  }

  /**
   * The card just scanned left its reader before its owner signed in: the password screen
   * closes, so the next person does not find it asking (a sign-in already on its way finishes).
   */
  cardWithdrawn(): void {
    if (this.screen !== 'signin' || this.signIn.method !== 'card' || this.signIn.busy) return;
    this.signIn.clear();
    this.idle.stop();
    this.#view = 'attract';
  }

  beginTyped(method: 'email' | 'phone'): void {
    this.#problem = null;
    this.signIn.beginTyped(method);
    this.#view = 'signin';
    this.idle.start();
  }

  async submitSignIn(): Promise<void> {
    const visit = this.#visit;
    const overview = await this.signIn.submit();
    if (visit === this.#visit && overview) this.#welcome(overview);
  }

  async openSignUp(): Promise<void> {
    this.#problem = null;
    this.signIn.clear();
    this.#view = 'signup';
    this.idle.start();
    await this.signUp.open(this.locale.language);
  }

  async submitSignUp(): Promise<void> {
    const visit = this.#visit;
    const signedUp = await this.signUp.submit();
    if (visit !== this.#visit || !signedUp) return;
    this.#welcome(signedUp.overview);
    this.#card = signedUp.card?.assigned === false ? signedUp.card : null;
  }

  /** Another free card for the customer whose card was refused at sign-up. */
  async assignCard(cardNumber: string): Promise<void> {
    if (this.#assigning) return;
    const visit = this.#visit;
    this.#assigning = true;
    try {
      const result = await this.#port.kiosk.assignCard({ cardNumber });
      if (visit !== this.#visit) return;
      if (result.ok) {
        this.#overview = result.value.overview;
        this.#card = result.value.card;
      } else {
        this.#problem = result.error;
        if (result.error.code === 'invalid_state') this.#card = null;
      }
    } finally {
      if (visit === this.#visit) this.#assigning = false;
    }
  }

  async confirmRedeem(): Promise<void> {
    const visit = this.#visit;
    const redemption = await this.redeem.confirm();
    if (visit === this.#visit && redemption) this.#overview = redemption.overview;
  }

  /** The customer is here (a touch, a key): the countdown waits again, and main hears of it now and then. */
  touch(): void {
    this.idle.touch();
    if (!this.idle.running || this.#now() - this.#keptAliveAt < keepAliveEveryMs) return;
    this.#keptAliveAt = this.#now();
    void this.#port.kiosk.keepAlive();
  }

  /** "More time" on the countdown. */
  extend(): void {
    this.idle.extend();
    this.#keptAliveAt = this.#now();
    void this.#port.kiosk.keepAlive();
  }

  /** Every screen has the other language one tap away; CareCloud answers in it too. */
  async switchLanguage(language: Language = this.locale.other): Promise<void> {
    this.locale.language = language;
    this.touch();
    await this.#pos.session.language({ language });
  }

  /**
   * Ends the visit: every trace of the customer here is dropped at once, then main logs
   * them out of CareCloud and forgets them.
   */
  async signOut(reason: KioskSignOutReason): Promise<void> {
    this.#visit++;
    this.#forget();
    await this.#port.kiosk.signOut({ reason });
  }

  dismissProblem(): void {
    this.#problem = null;
  }

  #forget(): void {
    this.idle.stop();
    this.#overview = null;
    this.#card = null;
    this.#assigning = false;
    this.signIn.clear();
    this.signUp.clear();
    this.redeem.clear();
    this.#view = 'attract';
    const language = this.#status?.language;
    if (language && this.locale.language !== language) {
      this.locale.language = language;
      void this.#pos.session.language({ language });
    }
  }

  #welcome(overview: KioskOverview): void {
    this.#card = null;
    this.signIn.clear();
    this.signUp.clear();
    this.#problem = null;
    this.#overview = overview;
    this.idle.start();
  }

  #apply(status: KioskStatus): void {
    const first = this.#status === null;
    this.#status = status;
    this.locale.timeZone = status.timeZone;
    this.idle.configure(status.inactivity.idleSeconds, status.inactivity.countdownSeconds);
    this.signUp.cardsOffered = status.cardsAtSignUp;
    if (first) this.locale.language = status.language;
    // Out of service, or main signed the customer out (its own inactivity): nothing of them stays.
    const away = !status.inService || (!status.signedIn && this.#overview !== null);
    if (away) {
      this.#visit++;
      this.#forget();
    }
  }
}
