// The composition root: from the settings, build the CareCloud client, the journal
// and sync engine, the session and the lookups, and the IPC handlers over them.
// Electron's IPC and the web preview host both run on what this returns.
import type { TerminalSettings } from '../../shared/settings.ts';
import { createCareCloudClient, type CareCloudClient, type CareCloudSettings } from '../carecloud/client.ts';
import { storeCountry } from '../carecloud/store-country.ts';
import { createCheckout } from '../checkout/index.ts';
import { repairDataDirModes } from '../config/file-modes.ts';
import type { DemoBackend } from '../demo/demo-backend.ts';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher.ts';
import { EventHub } from '../ipc/events.ts';
import { Dashboard, syncStatusView } from '../dashboard/dashboard.ts';
import { createHandlers, type HandlerServices } from '../ipc/handlers/index.ts';
import type { SenderCheck } from '../ipc/sender.ts';
import type { TerminalActivity } from '../update/idle.ts';
import { Journal } from '../journal/journal.ts';
import { silentLogger } from '../log/logger.ts';
import { seedDemoOperators } from '../operators/demo-operators.ts';
import { OperatorDirectory } from '../operators/operators.ts';
import { SettingsService } from '../settings/settings-service.ts';
import { journalFile } from '../sync/journal-file.ts';
import { createSyncEngine } from '../sync/create-engine.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { CustomerCache } from '../customers/cache.ts';
import { CustomerLookup } from '../customers/lookup.ts';
import { SignupDesk } from '../signup/desk.ts';
import { StoreList } from '../stores/store-list.ts';
import { demoOutageSwitch } from '../sync/outage.ts';
import { runDiagnostics } from '../diagnostics/test-connection.ts';
import { startInput } from '../input/scans.ts';
import { TerminalSession } from '../operators/session.ts';
import { spokenLanguage } from '../carecloud/language.ts';
import { demoOperatorName } from '../operators/demo-operators.ts';
import { PrintService, type Printing } from '../printing/print-service.ts';
import { printingDesk } from '../printing/desk.ts';
import { ReceiptPrinter } from '../printing/receipts.ts';
import { ReceiptFile } from '../printing/receipt-file.ts';
import { assembleKiosk, type KioskApiFactory, type KioskTerminal } from './kiosk-terminal.ts';
import type { OwnSession, TerminalOptions } from './terminal-options.ts';

export interface Terminal {
  readonly mode: 'till';
  readonly demo: boolean;
  readonly session: TerminalSession;
  readonly settings: SettingsService;
  readonly events: EventHub;
  readonly handlers: Handlers;
  readonly sync: SyncEngine;
  readonly demoBackend: DemoBackend | null;
  /** The receipt printer, for anything in main that prints (receipts, the shift's reports). */
  readonly printing: Printing;
  /** The terminal's one CareCloud client (main process only: it holds the credentials). */
  careCloud(): CareCloudClient;
  dispatcher(trustSender: SenderCheck): Dispatch;
  /** What an update install would interrupt now. */
  updateActivity(): TerminalActivity;
  /**
   * A sign-in of its own, apart from `session` (one per web preview connection):
   * its own operator and idle time, the terminal's PIN locks, store and settings.
   */
  openSession(trustSender: SenderCheck): OwnSession;
  close(): Promise<void>;
}

/**
 * A terminal set up as a kiosk was started as a till: it would build the Enterprise client, which a kiosk never has.
 */
export class KioskModeError extends Error {
  constructor() {
    super('This terminal is set up as a self-service kiosk; it does not run as a till');
    this.name = 'KioskModeError';
  }
}

export interface AppOptions extends TerminalOptions {
  /** The Customer API client for kiosk mode. */
  customerApi: KioskApiFactory;
  /** Kiosk mode was left with a manager's PIN: restart to run as a till. */
  onLeaveKiosk?: () => void;
}

/** What the app and the web preview run: a till or a kiosk, as the settings say. */
export type AppTerminal = Terminal | KioskTerminal;

export async function startApp(options: AppOptions): Promise<AppTerminal> {
  const opened: { close(): unknown }[] = [];
  try {
    const settings = openSettings(options);
    return settings.kiosk
      ? await assembleKiosk(options, settings, opened)
      : await assemble(options, settings, opened);
  } catch (error) {
    for (const part of opened.reverse()) await Promise.resolve(part.close()).catch(() => {});
    throw error;
  }
}

/** A till; refuses settings that make this terminal a kiosk (KioskModeError). */
export async function startTerminal(options: TerminalOptions): Promise<Terminal> {
  const opened: { close(): unknown }[] = [];
  try {
    const settings = openSettings(options);
    if (settings.kiosk) throw new KioskModeError();
    return await assemble(options, settings, opened);
  } catch (error) {
    // Whatever did start (the sandbox, the journal) is closed again, newest first.
    for (const part of opened.reverse()) await Promise.resolve(part.close()).catch(() => {});
    throw error;
  }
}

function openSettings(options: TerminalOptions): SettingsService {
  const logger = options.logger ?? silentLogger;
  return new SettingsService({
    store: options.stores.settings,
    cipher: options.cipher,
    onProblem: (problem) => logger.log('warn', 'settings.problem', { problem }),
  });
}

async function assemble(
  options: TerminalOptions,
  settings: SettingsService,
  opened: { close(): unknown }[],
): Promise<Terminal> {
  const logger = options.logger ?? silentLogger;
  const demo = options.forceDemo === true || settings.demo;
  const demoBackend = demo ? await options.startDemo() : null;
  if (demoBackend) opened.push(demoBackend);
  if (demoBackend?.defaultStoreId && settings.current.storeId === '')
    settings.update({ storeId: demoBackend.defaultStoreId });

  const careCloudSettings = (s: TerminalSettings): CareCloudSettings => ({
    projectUrl: demoBackend?.projectUrl ?? s.projectUrl,
    credentials: demoBackend?.credentials ?? {
      externalApplicationId: s.externalApplicationId,
      login: s.login,
      password: settings.password() ?? '',
    },
    language: s.language,
    timeZone: s.timeZone,
    timeouts: s.timeouts,
    retry: s.retry,
  });
  // One client for the terminal's life: a settings change reconfigures it (see `configure`).
  const client = createCareCloudClient({
    ...careCloudSettings(settings.current),
    logger,
    dataDir: options.dataDir,
  });

  // The demo keeps its documented 4-digit manager PIN; a configured terminal wants 6 digits or more.
  const operators = new OperatorDirectory(options.stores.operators, {
    minManagerPin: demo ? 4 : 6,
    ...(options.now ? { now: options.now } : {}),
  });
  if (demo) await seedDemoOperators(operators);
  const events = new EventHub();

  // Files an older version (or a umask) left readable by others are made private first.
  const modes = repairDataDirModes(options.dataDir);
  if (modes.fixed.length > 0) logger.log('warn', 'data.modes.fixed', { count: modes.fixed.length });
  if (modes.failed.length > 0) logger.log('error', 'data.modes.failed', { count: modes.failed.length });
  const journal = Journal.open(journalFile(options.dataDir), { integrity: 'background' });
  opened.push(journal);
  journal.integrity.then(
    (verdict) => {
      if (verdict === 'corrupt')
        logger.log('error', 'journal.corrupt', { file: journalFile(options.dataDir) });
    },
    (error: unknown) =>
      logger.log('warn', 'journal.integrity.unchecked', {
        error: error instanceof Error ? error.message : String(error),
      }),
  );
  const newSession = (): TerminalSession =>
    new TerminalSession({
      operators,
      settings,
      demo,
      audit: (actor, action, detail) => journal.recordAudit(actor, action, null, detail),
      ...(options.now ? { now: options.now } : {}),
    });
  const session = newSession();
  opened.push(session);
  const storeList = new StoreList({
    client: () => client,
    storeId: () => settings.current.storeId,
    language: () => settings.current.language,
  });
  storeList.show(session);
  // One factory for every engine: settings.sync and the timeouts shape it, the offline policy is read at each closure.
  const sync = createSyncEngine({
    journal,
    client: () => client,
    settings: () => settings.current,
    label: options.label ?? 'app',
    policy: options.syncPolicy,
  });
  sync.on('status', (status) => events.publish('sync.status', syncStatusView(status)));
  sync.on('trouble', (error) =>
    logger.log('error', 'sync.trouble', { error: error instanceof Error ? error.name : 'unknown' }),
  );

  const customerCache = new CustomerCache(options.stores.customerCache, {
    onSaveFailed: (error) =>
      logger.log('error', 'customers.cache.save', { error: error instanceof Error ? error.name : 'unknown' }),
  });
  const customers = new CustomerLookup({
    api: () => client,
    cache: customerCache,
    connectivity: {
      offline: () => !sync.online,
      unreachable: () => void sync.probe().catch(() => {}),
    },
    place: {
      storeId: () => settings.current.storeId,
      // The checkout is built below; the panel asks only once the terminal runs.
      currency: () => checkout.places.currency,
      timeZone: () => settings.current.timeZone,
    },
    storeCountry: () => storeCountry(client.reference, settings.current.storeId, !sync.online),
  });

  let becameKiosk = false;
  settings.onChange((next) => {
    if (next.mode !== 'kiosk' || becameKiosk) return;
    becameKiosk = true;
    logger.log('info', 'settings.mode', { mode: 'kiosk' });
    options.onEnterKiosk?.();
  });
  settings.onChange((next) => {
    // Language and timeouts change in place; new credentials or another project log the old session out.
    client.configure(careCloudSettings(next));
    // Without a password (a new address forgets it) there is nothing to log in with yet.
    storeList.settingsChanged(demoBackend !== null || settings.password() !== null);
  });
  session.onChange((status) => events.publish('session.changed', status));

  const printing = new PrintService({
    printer: () => settings.current.printer,
    log: (event, fields) => logger.log('info', event, fields),
  });
  printing.onStatus((status) => events.publish('printing.status', status));
  const storeName = (): string | null => storeList.storeName();
  const receipts = new ReceiptPrinter({
    printing,
    client: () => client,
    online: () => sync.online,
    timeZone: () => settings.current.timeZone,
    lookupMs: () => settings.current.timeouts.lookupMs,
    cashierName: (stored, language) => (demo ? demoOperatorName(stored, language) : stored),
    log: (event, fields) => logger.log('warn', event, fields),
    file: new ReceiptFile(options.dataDir),
  });
  const checkout = createCheckout({
    dataDir: options.dataDir,
    demo,
    client: () => client,
    settings,
    journal,
    sync,
    operators,
    customerCache,
    storeName,
    printing,
    // Pay answers first; the receipt is completed and printed after, in the cashier's language.
    onReceipt: (receipt, closed) =>
      receipts.closed(receipt, { ...closed, language: spokenLanguage() ?? settings.current.language }),
  });

  const input = await startInput({
    settings: () => settings.input,
    client: () => client,
    events,
    loader: options.hidLoader ?? null,
    logger,
    online: () => sync.online,
    knownVoucher: (code) => checkout.offlineVouchers.holds(code),
  });
  settings.onChange(() => void input.settingsChanged().catch(() => logger.log('error', 'input.restart', {})));
  let saleOpen = false;
  const services: HandlerServices = {
    ...checkout,
    ...(options.updates ? { updates: options.updates } : {}),
    tillSale: { report: (open) => (saleOpen = open) },
    dashboard: new Dashboard({
      journal,
      sync,
      dataDir: options.dataDir,
      timeZone: () => settings.current.timeZone,
      currency: () => checkout.places.currency,
    }),
    ...(options.saveDialog ? { saveDialog: options.saveDialog } : {}),
    scans: input,
    printing: printingDesk({
      printing,
      printer: () => settings.current.printer,
      place: () => ({
        storeName: storeName(),
        cashdesk: settings.current.cashdeskNumber,
        timeZone: settings.current.timeZone,
      }),
      reprint: (billId, language) => receipts.reprint(billId, language),
      receipt: (billId) => receipts.receipt(billId),
      paper: (receipt, language) => receipts.paper(receipt, language),
      cashierName: (stored, language) => (demo ? demoOperatorName(stored, language) : stored),
    }),
    demo,
    session,
    settings,
    customers,
    signup: new SignupDesk({
      api: () => client,
      sync,
      settings: () => settings.current,
      storeCountry: () => storeCountry(client.reference, settings.current.storeId, !sync.online),
      profile: (customerId) => customers.profile(customerId),
      ...(options.now ? { now: options.now } : {}),
    }),
    storeList,
    diagnostics: {
      run: () =>
        runDiagnostics({
          settings,
          client: () => client,
          demoBackend,
          dataDir: options.dataDir,
          devices: options.hidLoader !== undefined,
          journalQueue: () => journal.stats().queued,
        }),
    },
    outage: demoBackend && demoOutageSwitch(demoBackend, sync),
  };
  const handlers = createHandlers(services);
  const dispatcherFor = (own: TerminalSession, ownHandlers: Handlers, trustSender: SenderCheck): Dispatch =>
    createDispatcher({
      handlers: ownHandlers,
      currentOperator: () => own.active(),
      language: () => own.language(),
      onActivity: () => own.touch(),
      trustSender,
      onError: (channel, error) =>
        logger.log('error', 'ipc.failed', {
          channel,
          error: error instanceof Error ? error.name : 'unknown',
        }),
    });

  events.publish('session.changed', session.status());
  sync.start();
  void storeList.stores().catch(() => {});
  // Resolved now so that a sale taken after the network died needs no reference lookup.
  void checkout.places.place('').catch(() => {});

  let closed = false;
  return {
    mode: 'till',
    demo,
    session,
    settings,
    events,
    handlers,
    sync,
    demoBackend,
    printing,
    careCloud: () => client,
    dispatcher: (trustSender) => dispatcherFor(session, handlers, trustSender),
    updateActivity() {
      const { counts } = journal.stats();
      // The terminal has no shift closing yet; when it does, it reports here.
      return { saleOpen, shiftClosing: false, sending: counts.sending, pending: counts.pending };
    },
    openSession(trustSender) {
      const own = newSession();
      storeList.show(own);
      return {
        session: own,
        dispatch: dispatcherFor(own, createHandlers({ ...services, session: own }), trustSender),
        close() {
          storeList.hide(own);
          own.signOut();
          own.close();
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await input.stop();
      await sync.stop();
      try {
        customerCache.save();
      } catch (error) {
        logger.log('error', 'customers.cache.save', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
      // The CareCloud session ends with the terminal rather than lapsing at its valid_to; bounded, so quit never waits.
      await client.users.logoutCurrent().catch(() => {});
      session.close();
      journal.close();
      await demoBackend?.close();
    },
  };
}
