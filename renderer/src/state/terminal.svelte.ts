// The whole terminal as the screens see it: one instance of each state class,
// which screen is showing, and the cashier's actions that span several of them.
import type {
  Language,
  PosApi,
  PosError,
  Result,
  ScanEvent,
  SessionStatus,
  SyncStatus,
  UpdateStatus,
} from '../../../shared/ipc/index.ts';
import { Clock } from './clock.svelte.ts';
import { CustomerPanel } from './customer.svelte.ts';
import { DashboardState } from './dashboard.svelte.ts';
import { DevicesState } from './devices.svelte.ts';
import { ScannerCalibration } from '../input/calibration.svelte.ts';
import { feedEvents } from './feed.ts';
import { Locale } from './locale.svelte.ts';
import { CustomerLookup, type FoundCustomer } from './lookup.svelte.ts';
import { AuditLog } from './audit-log.svelte.ts';
import { ManagerQueueState } from './manager-queue.svelte.ts';
import { ParkedSalesState } from './parked-sales.svelte.ts';
import { PrinterState } from './printer.svelte.ts';
import { RecentSales } from './recent-sales.svelte.ts';
import { PointsClaimForm, RewardRedeemer, RewardSuggestion } from './rewards.svelte.ts';
import { customerName } from '../names.ts';
import { Sale, type SaleOptions } from './sale.svelte.ts';
import { SessionState } from './session.svelte.ts';
import { SettingsForm } from './settings-form.svelte.ts';
import { SignUpState, type SignupOrigin } from './signup.svelte.ts';
import { SyncState } from './sync.svelte.ts';
import { VoucherCheckState } from './voucher-check.svelte.ts';
import { ShiftState } from './shift.svelte.ts';

export type Screen =
  | 'connecting'
  | 'signin'
  | 'lookup'
  | 'customer'
  | 'settings'
  | 'sale'
  | 'vouchers'
  | 'queue'
  | 'dashboard'
  | 'shift';
type MainScreen = Exclude<Screen, 'connecting' | 'signin'>;

export interface TerminalOptions {
  sale?: SaleOptions;
}

export class TerminalState {
  readonly locale = new Locale();
  readonly clock = new Clock();
  readonly session: SessionState;
  readonly sync: SyncState;
  readonly devices = new DevicesState();
  /** The settings' "scan a test code": while it waits, a scan goes to it and nowhere else. */
  readonly scannerTest = new ScannerCalibration();
  readonly lookup: CustomerLookup;
  readonly customer: CustomerPanel;
  readonly settings: SettingsForm;
  readonly sale: Sale;
  readonly recent: RecentSales;
  readonly parked: ParkedSalesState;
  readonly voucherCheck: VoucherCheckState;
  readonly queue: ManagerQueueState;
  readonly audit: AuditLog;
  readonly dashboard: DashboardState;
  /** Rewards redeemed on the customer panel and in the sale, the sale's best reward, and points claimed later. */
  readonly panelRewards: RewardRedeemer;
  readonly saleRewards: RewardRedeemer;
  readonly suggestion: RewardSuggestion;
  readonly claim: PointsClaimForm;
  readonly printer: PrinterState;
  readonly shift: ShiftState;
  readonly signup: SignUpState;
  readonly #pos: PosApi;
  #screen = $state<MainScreen>('lookup');
  /** Where Esc returns to from the voucher check, the queue and the settings. */
  #returnTo: MainScreen = 'lookup';
  #shortcuts = $state(false);
  #problem = $state<PosError | null>(null);
  #disconnected = $state(false);
  /** A language the operator picked for this sign-in only; the saved one otherwise. */
  #languageChoice: Language | null = null;
  #wedgeScans: Promise<void> = Promise.resolve();
  /** Main's copy of the open sale has been read back (or there was nobody to read it for). */
  #openSaleChecked = $state(false);

  constructor(pos: PosApi, options: TerminalOptions = {}) {
    this.#pos = pos;
    this.sale = new Sale(pos, options.sale);
    this.recent = new RecentSales(pos);
    this.printer = new PrinterState(pos);
    this.parked = new ParkedSalesState(pos, this.sale);
    this.voucherCheck = new VoucherCheckState(pos);
    this.queue = new ManagerQueueState(
      pos,
      () => this.locale.timeZone,
      20,
      () => this.locale.language,
    );
    this.audit = new AuditLog(pos);
    this.dashboard = new DashboardState(pos);
    this.shift = new ShiftState(pos);
    this.session = new SessionState(pos);
    this.sync = new SyncState(this.clock);
    this.customer = new CustomerPanel(pos);
    this.lookup = new CustomerLookup(pos, (found) => this.#showCustomer(found));
    this.settings = new SettingsForm(pos);
    this.panelRewards = new RewardRedeemer(pos);
    this.saleRewards = new RewardRedeemer(pos);
    this.suggestion = new RewardSuggestion(pos);
    this.claim = new PointsClaimForm(pos);
    this.signup = new SignUpState(pos);
  }

  /** `connecting` until the first session status: the sign-in screen must not flash up for a signed-in operator. */
  get screen(): Screen {
    // A kiosk's screens replace these (main.ts): nothing of the till shows meanwhile.
    if (!this.session.status || this.session.status.mode === 'kiosk') return 'connecting';
    return this.session.operator ? this.#screen : 'signin';
  }
  get shortcutsOpen(): boolean {
    return this.#shortcuts;
  }
  /** The last action's failure that belongs to no screen in particular. */
  get problem(): PosError | null {
    return this.#problem;
  }

  /** The terminal's own update, for the manager's screen; null where it does not update itself. */
  async updateStatus(): Promise<UpdateStatus | null> {
    const result = await this.#pos.updates.status();
    return result.ok ? result.value : null;
  }

  /** Puts the downloaded update off by four hours, with the manager's PIN. */
  postponeUpdate(pin: string): Promise<Result<UpdateStatus>> {
    return this.#pos.updates.postpone({ hours: 4, pin });
  }

  /** Main installs an update only while no sale is open (lines in the cart, or being paid). */
  reportSaleOpen(open: boolean): void {
    void this.#pos.checkout.saleOpen({ open }).catch(() => {});
  }

  /** True once the link to the main process is gone; nothing works until a restart. */
  get disconnected(): boolean {
    return this.#disconnected;
  }

  connectionLost(reason: string): void {
    this.#disconnected = true;
    this.sync.lost();
    this.#problem = { code: 'internal', message: reason };
  }

  /** Subscribes to pushed events, starts the clock, reads the session; returns the teardown. */
  start(): () => void {
    const stopEvents = feedEvents(this.#pos, {
      'session.changed': (status) => this.#applySession(status),
      'sync.status': (status) => this.#applySync(status),
      'devices.status': (status) => this.devices.apply(status),
      'printing.status': (status) => this.printer.apply(status),
      'input.scan': (scan) => void this.acceptScan(scan),
    });
    const stopClock = this.clock.start();
    void this.devices.loadWedge(this.#pos);
    void this.session.refresh().then(async (error) => {
      if (error) this.#problem = error;
      else if (this.session.status) this.#applySession(this.session.status);
      // Signed in already: these screens were reloaded (a renderer that died); the sale goes on.
      if (this.session.operator && (await this.parked.restoreOpen())) {
        this.#screen = 'sale';
        void this.sale.loadCatalogue();
      }
      this.#openSaleChecked = true;
    });
    return () => {
      stopEvents();
      stopClock();
    };
  }

  /** Main keeps a copy of the open sale, once the one it kept before has been taken back. */
  keepOpenSale(sale: ReturnType<Sale['openRequest']>): void {
    if (!this.#openSaleChecked || !this.session.operator) return;
    void this.#pos.checkout.keepOpen({ sale });
  }

  /**
   * A keyboard-wedge burst: the main process says what it is, then it goes the way of every scan, in the order scanned.
   */
  acceptWedgeText(text: string): Promise<void> {
    this.#wedgeScans = this.#wedgeScans.then(async () => {
      if (!this.session.operator) return;
      const result = await this.#pos.input.classify({ text });
      if (!result.ok) {
        this.#problem = result.error;
        return;
      }
      if (result.value) await this.acceptScan(result.value);
    });
    return this.#wedgeScans;
  }

  /**
   * A scan from any source. At the sale: products go on the bill, cards attach the
   * customer, voucher codes are applied. While a customer is shown, a new card starts
   * the next customer.
   */
  async acceptScan(scan: ScanEvent): Promise<void> {
    if (this.scannerTest.take(scan)) return;
    if (!this.session.operator || this.#screen === 'settings' || this.#screen === 'queue') return;
    // The sign-up form over the lookup or the sale: a card scanned now is the new customer's card.
    if (this.signup.open) {
      if (scan.kind === 'loyalty_card' || scan.kind === 'unknown') this.signup.acceptCard(scan.code);
      return;
    }
    if (this.#screen === 'sale') return this.#saleScan(scan);
    if (this.#screen === 'vouchers') {
      if (scan.kind === 'loyalty_card' || scan.kind === 'product') return;
      return this.voucherCheck.check(scan.code, this.sale.customer?.customer.id ?? null);
    }
    if (this.#screen === 'customer') {
      if (scan.kind !== 'loyalty_card') return;
      this.nextCustomer();
    }
    await this.lookup.acceptScan(scan);
  }

  nextCustomer(): void {
    this.customer.close();
    this.lookup.clear();
    this.#screen = 'lookup';
  }

  async openSettings(): Promise<void> {
    if (!this.session.isManager) return;
    this.#leaveFor('settings');
    await this.settings.load();
  }

  closeSettings(): void {
    this.back();
  }

  /** The sale screen; from the customer panel, the sale takes that customer (or asks, when it has another). */
  openSale(): void {
    const shown = this.customer.customer;
    if (this.#screen === 'customer' && shown) {
      this.sale.offerCustomer({
        customer: shown,
        card: this.customer.card,
        fromCache: this.customer.fromCache,
      });
    }
    this.#screen = 'sale';
    void this.sale.loadCatalogue();
    void this.recent.load();
  }

  openVoucherCheck(): void {
    this.#leaveFor('vouchers');
  }

  /** The manager's home: where a manager lands after signing in. */
  async openDashboard(): Promise<void> {
    if (!this.session.isManager) return;
    this.#screen = 'dashboard';
    this.#returnTo = 'dashboard';
    await this.dashboard.open();
  }

  /** The lane's shift: open it, cash in and out, X report, close with the count (Esc goes back). */
  async openShift(): Promise<void> {
    this.#leaveFor('shift');
    await Promise.all([this.shift.load(), this.sale.loadCatalogue()]);
  }

  async openQueue(): Promise<void> {
    if (!this.session.isManager) return;
    this.#leaveFor('queue');
    await Promise.all([this.queue.apply(), this.audit.load(0)]);
  }

  /** Esc from the voucher check, the queue or the settings: back where the cashier was. */
  back(): void {
    const to = this.#returnTo;
    this.#screen = to === 'customer' && !this.customer.open ? 'lookup' : to;
    if (this.#screen === 'dashboard') void this.dashboard.refresh();
  }

  /** Saves the settings with a manager's PIN; a new language applies at once. Answers the PIN's refusal, if any. */
  async saveSettings(pin: string): Promise<PosError | null> {
    const outcome = await this.settings.save(pin);
    if (!outcome) return null;
    if ('refused' in outcome) return outcome.refused;
    void this.devices.loadWedge(this.#pos);
    void this.signup.load();
    this.#languageChoice = null;
    this.locale.language = outcome.saved.language;
    // Main forgets the switched language too: CareCloud answers in the saved one again.
    void this.#pos.session.language({ language: outcome.saved.language });
    return null;
  }

  /**
   * The screens' language until sign-out (the saved one changes in the settings). Main is
   * told, so CareCloud answers this terminal in it too; what CareCloud named (vouchers,
   * rewards, the store) is asked for again in the new language.
   */
  async switchLanguage(language: Language = this.locale.other): Promise<void> {
    this.locale.language = language;
    this.#languageChoice = language;
    const told = await this.#pos.session.language({ language });
    if (told.ok) this.#applySession(told.value);
    if (this.locale.language !== language) return;
    this.sale.renamed();
    this.customer.renamed();
    if (this.#screen === 'vouchers') this.voucherCheck.renamed();
  }

  /** F11 at the sale: parks a sale with items, or lists the parked ones over an empty sale. */
  async parkOrRecall(): Promise<void> {
    if (this.sale.parkable) {
      await this.parked.park('parked');
      return;
    }
    await this.parked.refresh();
    this.parked.show(true);
  }

  /** A parked sale back on the sale screen. */
  async recallParked(id: string): Promise<void> {
    if (!(await this.parked.recall(id))) return;
    this.#screen = 'sale';
    void this.sale.loadCatalogue();
  }

  /** Signing out keeps an open sale: it is parked for this operator first, or the sign-out stops. */
  async signOut(): Promise<void> {
    if (!(await this.parked.park('signOut'))) {
      this.#screen = 'sale';
      return;
    }
    const error = await this.session.signOut();
    if (error) {
      this.#problem = error;
      return;
    }
    this.#languageChoice = null;
    this.#shortcuts = false;
    this.#resetWork();
    if (this.session.status) this.locale.language = this.session.status.language;
  }

  toggleShortcuts(open: boolean = !this.#shortcuts): void {
    this.#shortcuts = open;
  }

  dismissProblem(): void {
    this.#problem = null;
  }

  #applySession(status: SessionStatus): void {
    const signedOut = this.session.operator !== null && status.operator === null;
    const signedIn = this.session.operator === null && status.operator !== null;
    this.session.apply(status);
    if (signedOut) {
      // A sign-out main decided (idle time): the open sale is parked for its operator, not dropped.
      void this.parked.parkLeft();
      this.#languageChoice = null;
      this.#resetWork();
    }
    this.locale.language = this.#languageChoice ?? status.language;
    this.locale.timeZone = status.timeZone;
    if (signedIn) void this.signup.load();
    if (signedIn && status.operator?.role === 'manager') void this.openDashboard();
  }

  /** Every screen that shows journal states follows the sync: the status bar, the queue, the recent sales. */
  #applySync(status: SyncStatus): void {
    this.sync.apply(status);
    if (this.#screen === 'queue' && this.session.isManager) void this.queue.refresh();
    if (this.#screen === 'sale') void this.recent.refresh();
    if (this.#screen === 'dashboard' && this.session.isManager) this.dashboard.follow(status);
  }

  #leaveFor(screen: 'settings' | 'vouchers' | 'queue' | 'shift'): void {
    if (this.#screen === 'dashboard') this.dashboard.close();
    if (
      this.#screen !== 'settings' &&
      this.#screen !== 'vouchers' &&
      this.#screen !== 'queue' &&
      this.#screen !== 'shift'
    )
      this.#returnTo = this.#screen;
    this.#screen = screen;
  }

  /** Sign-out: the next operator starts on the lookup with an empty sale. */
  #resetWork(): void {
    this.signup.close();
    this.parked.show(false);
    this.parked.dismiss();
    this.nextCustomer();
    this.sale.next();
    this.voucherCheck.clear();
    this.queue.closeEntry();
    this.dashboard.close();
    this.#returnTo = 'lookup';
  }

  async #saleScan(scan: ScanEvent): Promise<void> {
    const sale = this.sale;
    // A receipt's barcode or a card scanned into the points-claim form is for the form, not the bill.
    const claimed = this.claim.takeScan(scan.code);
    if (claimed === 'card') await this.claim.findCard(customerName);
    if (claimed) return;
    switch (scan.kind) {
      case 'product':
        await sale.addByCode(scan.code);
        return;
      case 'loyalty_card':
        await sale.attachCard(scan.code);
        // A card nobody owns yet, where sign-up is required before a loyalty sale: the form opens with it.
        if (
          this.signup.mode === 'required' &&
          sale.notice?.kind === 'card' &&
          sale.notice.error.code === 'unknown_card'
        ) {
          sale.dismissNotice();
          await this.openSignup('sale', scan.code);
        }
        return;
      case 'voucher':
      case 'gift_card':
        sale.addVoucher(scan.code);
        return;
      case 'unknown':
        // A keyboard-wedge scan the rules could not place: a product, else a card, else a voucher.
        if (await sale.addByCode(scan.code)) return;
        sale.dismissNotice();
        // Offline, a code the terminal does not know as a card is the cashier's call: card or voucher.
        if (/^[\x21-\x7e]{1,64}$/.test(scan.code) && (await sale.attachCard(scan.code, 'ask'))) return;
        if (
          sale.notice?.kind === 'card' &&
          ['unknown_card', 'invalid_payload'].includes(sale.notice.error.code)
        ) {
          sale.dismissNotice();
          sale.addVoucher(scan.code);
        }
        return;
    }
  }

  /** The sign-up form, over the lookup or the sale; a card already scanned comes with it. */
  async openSignup(origin: SignupOrigin, cardNumber = ''): Promise<void> {
    if (!this.session.operator) return;
    await this.signup.start(origin, cardNumber, this.locale.language);
  }

  /**
   * Signs the customer up. The new customer joins the open sale at once: from the sale
   * always, from the lookup when the sale has items (the lookup then shows the customer).
   * Saved offline, the sale carries the new card, so the purchase's points follow it.
   */
  async submitSignup(): Promise<void> {
    const origin = this.signup.origin;
    const outcome = await this.signup.submit();
    if (!outcome || outcome.outcome === 'refused') return;
    const joinSale = origin === 'sale' || this.sale.cart.lines.length > 0;
    if (outcome.outcome === 'registered') {
      const found: FoundCustomer = { customer: outcome.customer, card: outcome.card, fromCache: false };
      if (joinSale) this.sale.offerCustomer(found);
      if (origin === 'lookup') this.#showCustomer(found);
      return;
    }
    if (outcome.cardNumber && joinSale)
      this.sale.attachSignedUp(outcome.cardNumber, `${outcome.firstName} ${outcome.lastName}`);
  }

  #showCustomer(found: FoundCustomer): void {
    this.#screen = 'customer';
    void this.customer.show(found);
  }
}
