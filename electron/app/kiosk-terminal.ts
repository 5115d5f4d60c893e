// The composition root of a terminal in kiosk mode: the Customer API client on the
// kiosk's device token, the kiosk service, the manager's PINs (to leave kiosk mode),
// the scan rules, and the kiosk's IPC handlers. No Enterprise client, session, journal
// or till service is built here: a kiosk holds no enterprise login.
import { createHash } from 'node:crypto';
import { hostname, platform } from 'node:os';
import type { TerminalSettings } from '../../shared/settings.ts';
import type { Language } from '../../shared/i18n/language.ts';
import type { DemoBackend } from '../demo/demo-backend.ts';
import type { RequestChannel } from '../../shared/ipc/channels.ts';
import { createDispatcher, type Dispatch, type KioskHandlers } from '../ipc/dispatcher.ts';
import { errorToResult } from '../ipc/errors.ts';
import { EventHub } from '../ipc/events.ts';
import { kioskHandlers } from '../ipc/handlers/kiosk.ts';
import type { SenderCheck } from '../ipc/sender.ts';
import { KioskService } from '../kiosk/kiosk-service.ts';
import type { CustomerApiPort } from '../kiosk/port.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import { seedDemoOperators } from '../operators/demo-operators.ts';
import { OperatorDirectory } from '../operators/operators.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { TerminalActivity } from '../update/idle.ts';
import { startInput } from '../input/scans.ts';
import { TerminalSession } from '../operators/session.ts';
import type { OwnSession, TerminalOptions } from './terminal-options.ts';

/** Where the kiosk's Customer API is and who the kiosk is to it. */
export interface KioskApiSetup {
  projectUrl: string;
  externalApplicationId: string;
  device: { deviceId: string; system: string; name: string; type: string };
  /** The device token kept from an earlier start (decrypted), if any. */
  deviceToken: string | null;
  /** A new device token, to keep encrypted. */
  onDeviceToken(token: string): void;
  settings: TerminalSettings;
  logger: Logger;
}

export type KioskApiFactory = (setup: KioskApiSetup) => CustomerApiPort;

export interface KioskTerminal {
  readonly mode: 'kiosk';
  readonly demo: boolean;
  readonly session: TerminalSession;
  readonly settings: SettingsService;
  readonly events: EventHub;
  readonly kiosk: KioskService;
  readonly handlers: KioskHandlers;
  readonly demoBackend: DemoBackend | null;
  dispatcher(trustSender: SenderCheck): Dispatch;
  /** A customer at the kiosk holds an update back as an open sale does on a till. */
  updateActivity(): TerminalActivity;
  openSession(trustSender: SenderCheck): OwnSession;
  close(): Promise<void>;
}

export interface KioskOptions extends TerminalOptions {
  /** Builds the Customer API client (the app's own, or a test's around it). */
  customerApi: KioskApiFactory;
  /** The manager left kiosk mode: the settings say `till` now; the app restarts to apply it. */
  onLeaveKiosk?: () => void;
}

/** The scan classification may be asked by anyone on a kiosk: there are no operators, only customers. */
const kioskAnyone: ReadonlySet<RequestChannel> = new Set<RequestChannel>(['input.classify']);

export async function assembleKiosk(
  options: KioskOptions,
  settings: SettingsService,
  opened: { close(): unknown }[],
): Promise<KioskTerminal> {
  const logger = options.logger ?? silentLogger;
  const demo = options.forceDemo === true || settings.demo;
  const demoBackend = demo ? await options.startDemo() : null;
  if (demoBackend) opened.push(demoBackend);
  const s = settings.current;
  const api = options.customerApi({
    projectUrl: demoBackend?.projectUrl ?? s.kiosk.customerApiUrl,
    externalApplicationId: demoBackend?.kioskApplicationId ?? s.kiosk.externalApplicationId,
    device: {
      deviceId: settings.kioskDeviceId(),
      system: platform(),
      name: (s.kiosk.deviceName || hostname()).slice(0, 100),
      type: 'kiosk',
    },
    deviceToken: settings.kioskDeviceToken(),
    onDeviceToken: (token) => settings.setKioskDeviceToken(token),
    settings: s,
    logger,
  });

  const operators = new OperatorDirectory(options.stores.operators, {
    minManagerPin: demo ? 4 : 6,
    ...(options.now ? { now: options.now } : {}),
  });
  if (demo) await seedDemoOperators(operators);
  const events = new EventHub();
  // The reader of the last card read, kept until a sign-in asks for it; the number only as a digest
  // (nothing of a customer stays in memory after they leave).
  let lastCardRead: { deviceId: string; digest: string } | null = null;
  let forgetCardReadTimer: NodeJS.Timeout | null = null;
  const digestOf = (cardNumber: string): string => createHash('sha256').update(cardNumber).digest('hex');
  const rememberCardRead = (read: { deviceId: string; digest: string } | null): void => {
    lastCardRead = read;
    if (forgetCardReadTimer) clearTimeout(forgetCardReadTimer);
    forgetCardReadTimer = null;
    if (!read) return;
    // A card read nobody signs in with is forgotten when the screens would have gone back to the start anyway.
    const { idleSeconds, countdownSeconds } = settings.current.kiosk;
    forgetCardReadTimer = setTimeout(() => rememberCardRead(null), (idleSeconds + countdownSeconds) * 1000);
    forgetCardReadTimer.unref();
  };
  const kiosk = new KioskService({
    api: () => api,
    settings: () => ({
      ...settings.current.kiosk,
      language: settings.current.language,
      timeZone: settings.current.timeZone,
    }),
    demo,
    deviceId: settings.kioskDeviceId(),
    logger,
    ...(options.now ? { now: options.now } : {}),
    onChange: (status) => events.publish('kiosk.changed', status),
    answerFor: errorToResult,
    cardReader: (cardNumber) => {
      const read = lastCardRead;
      rememberCardRead(null);
      return read && read.digest === digestOf(cardNumber) ? read.deviceId : null;
    },
  });
  opened.push({ close: () => kiosk.close() });
  const input = await startInput({
    settings: () => settings.input,
    client: null,
    events,
    loader: options.hidLoader ?? null,
    logger,
    online: () => kiosk.status().inService,
  });
  opened.push({ close: () => input.stop() });
  input.onScan((scan) => {
    if (scan.kind === 'card' && scan.deviceId !== null)
      rememberCardRead({ deviceId: scan.deviceId, digest: digestOf(scan.text) });
  });
  input.onCardRemoved((removal) => {
    if (lastCardRead?.deviceId === removal.deviceId) {
      rememberCardRead(null);
      // Taken out at the password screen: whoever steps up next must not find it still asking.
      events.publish('kiosk.cardWithdrawn', {});
    }
    void kiosk.cardRemoved(removal.deviceId);
  });
  opened.push({ close: () => rememberCardRead(null) });

  const newSession = (): TerminalSession =>
    new TerminalSession({
      operators,
      settings,
      demo,
      mode: 'kiosk',
      // A kiosk keeps no journal: its manager actions (leaving kiosk mode, refused PINs) go to the log.
      audit: (actor, action) => logger.log('info', 'kiosk.audit', { action, byManager: actor !== '' }),
      ...(options.now ? { now: options.now } : {}),
    });
  const session = newSession();
  opened.push(session);

  const handlersFor = (own: TerminalSession): KioskHandlers =>
    kioskHandlers({
      kiosk,
      language: {
        current: () => own.language(),
        set: (language: Language) => own.setScreenLanguage(language),
      },
      sessionStatus: () => own.status(),
      wedge: () => ({ ...settings.input.wedge, suffixes: [...settings.input.wedge.suffixes] }),
      classify: (text) => input.classify(text),
      managerPin: async (pin) => {
        const outcome = await operators.checkManager(pin);
        if (!outcome.ok) logger.log('warn', 'kiosk.audit', { action: 'pin-refused', why: outcome.reason });
        return outcome;
      },
      leave: async () => {
        settings.update({ mode: 'till' });
        logger.log('info', 'kiosk.audit', { action: 'leave-kiosk' });
        options.onLeaveKiosk?.();
      },
    });
  const handlers = handlersFor(session);
  const dispatcherFor = (
    own: TerminalSession,
    ownHandlers: KioskHandlers,
    trustSender: SenderCheck,
  ): Dispatch =>
    createDispatcher({
      handlers: ownHandlers,
      currentOperator: () => null,
      language: () => own.language(),
      anyoneMay: kioskAnyone,
      trustSender,
      onError: (channel, error) =>
        logger.log('error', 'ipc.failed', {
          channel,
          error: error instanceof Error ? error.name : 'unknown',
        }),
    });

  session.onChange((status) => events.publish('session.changed', status));
  events.publish('session.changed', session.status());
  events.publish('kiosk.changed', kiosk.status());

  let closed = false;
  return {
    mode: 'kiosk',
    demo,
    session,
    settings,
    events,
    kiosk,
    handlers,
    demoBackend,
    dispatcher: (trustSender) => dispatcherFor(session, handlers, trustSender),
    updateActivity: () => ({ saleOpen: kiosk.holdsCustomer(), shiftClosing: false, sending: 0, pending: 0 }),
    openSession(trustSender) {
      const own = newSession();
      return {
        session: own,
        dispatch: dispatcherFor(own, handlersFor(own), trustSender),
        close() {
          own.close();
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const part of opened.reverse()) await Promise.resolve(part.close()).catch(() => {});
    },
  };
}
