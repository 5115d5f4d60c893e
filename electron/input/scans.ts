// Scanners and card readers in the main process: the device manager reads them,
// one classifier says what each scan is (HID reports and keyboard-wedge bursts alike),
// and both reach the screens, as events or as the answer to `input.classify`.
import type {
  DeviceKind as ScreenDeviceKind,
  DevicesStatus,
  ScanEvent as ScreenScan,
  ScanKind as ScreenScanKind,
} from '../../shared/input/devices.ts';
import { ScanClassifier } from '../../shared/input/classify.ts';
import { ScanEvents, ScanPipeline } from '../../shared/input/scan-events.ts';
import type { ClassifiedScan, DecidedBy, ScanKind } from '../../shared/input/scan.ts';
import { isRejectedRead, scanFromTypedText } from '../../shared/input/scan-text.ts';
import type { InputSettings } from '../../shared/input/settings.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { HidDeviceManager, type DeviceStatus, type HidAvailability } from '../hid/device-manager.ts';
import type { DeviceKind } from '../hid/matching.ts';
import type { HidTransportLoader } from '../hid/transport.ts';
import type { CardRemoval } from '../hid/report-decoder.ts';
import { hidProblemSaid } from '../hid/explain.ts';
import type { Logger } from '../log/logger.ts';

const screenKind: Record<ScanKind, ScreenScanKind> = {
  card: 'loyalty_card',
  voucher: 'voucher',
  product: 'product',
  unknown: 'unknown',
};
const deviceKind: Record<DeviceKind, ScreenDeviceKind> = {
  'barcode-scanner': 'scanner',
  'keyboard-scanner': 'scanner',
  'card-reader': 'card_reader',
  'keyboard-card-reader': 'card_reader',
};

const decidedByView: Record<DecidedBy, ScreenScan['decidedBy']> = {
  rule: 'rule',
  swipe: 'swipe',
  carecloud: 'carecloud',
  terminal: 'terminal',
  fallback: 'fallback',
  'lookup-failed': 'unreachable',
};

export function scanView(scan: ClassifiedScan): ScreenScan {
  return {
    kind: screenKind[scan.kind],
    code: scan.text,
    source: scan.source === 'keyboard-wedge' ? 'wedge' : 'hid',
    deviceId: scan.deviceId,
    decidedBy: decidedByView[scan.decidedBy],
  };
}

export function devicesView(availability: HidAvailability, statuses: DeviceStatus[]): DevicesStatus {
  const devices = statuses.map((d) => ({
    id: d.id,
    name: d.name,
    kind: deviceKind[d.kind],
    connected: d.state === 'connected',
  }));
  switch (availability.mode) {
    case 'hid': {
      const unread = statuses.find((d) => d.reason);
      return {
        hid: 'ready',
        devices,
        message: unread?.reason ?? null,
        said: unread ? { key: 'devices.notRead', params: { name: unread.name } } : null,
      };
    }
    case 'off':
      return { hid: 'disabled', devices, message: availability.reason, said: { key: 'diag.dev.off' } };
    case 'keyboard-wedge-only':
      return {
        hid: 'unavailable',
        devices,
        message: `${availability.reason} ${availability.remedy}`.trim(),
        said: hidProblemSaid(availability),
      };
    case 'starting':
      return {
        hid: 'unavailable',
        devices,
        message: 'Scanners are starting',
        said: { key: 'devices.starting' },
      };
  }
}

export interface InputOptions {
  settings: () => InputSettings;
  /** The Enterprise client for card and voucher lookups; null on a kiosk (the Customer API looks up no card). */
  client: (() => CareCloudClient) | null;
  /** Where scans and device changes go to the screens (the terminal's EventHub). */
  events: { publish(...event: ['input.scan', ScreenScan] | ['devices.status', DevicesStatus]): void };
  /** node-hid in the app; null where no devices may be opened (the web preview, tests). */
  loader: HidTransportLoader | null;
  logger: Logger;
  /** False while the sync engine knows CareCloud is unreachable: lookups are not even tried then. */
  online: () => boolean;
  /** The pre-synced offline voucher list holds this code. */
  knownVoucher?: (code: string) => boolean;
}

export interface InputDevices {
  /**
   * A keyboard-wedge burst as typed: a swipe becomes its card number; classified like any HID scan. Null for a misread
   * swipe.
   */
  classify(text: string): Promise<ScreenScan | null>;
  /** Each scan from a HID device as classified (before it goes to the screens). */
  onScan(listener: (scan: ClassifiedScan) => void): () => void;
  /** A card left a reader that can tell: its removal sequence, or the reader unplugged. */
  onCardRemoved(listener: (removal: CardRemoval) => void): () => void;
  /** Re-reads the settings: the device manager restarts when they changed. */
  settingsChanged(): Promise<void>;
  stop(): Promise<void>;
}

export async function startInput(options: InputOptions): Promise<InputDevices> {
  const { events, logger } = options;
  const scans = new ScanEvents((error) =>
    logger.log('error', 'input.listener', { error: error instanceof Error ? error.name : 'unknown' }),
  );
  scans.subscribe((event) => {
    if (event.type === 'scan') events.publish('input.scan', scanView(event.scan));
    else logger.log('warn', 'input.rejected', { source: event.read.source, reason: event.read.reason });
  });
  const removals = new Set<(removal: CardRemoval) => void>();
  const cardRemoved = (removal: CardRemoval): void => {
    logger.log('info', 'input.cardRemoved', { how: removal.how });
    for (const listener of [...removals]) {
      try {
        listener(removal);
      } catch (error) {
        logger.log('error', 'input.listener', { error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  };
  const unreachable = (): void => {
    if (!options.online()) throw new Error('CareCloud is unreachable');
  };
  const client = options.client;
  const lookup = {
    findCard: async (code: string) => {
      // A kiosk cannot ask which card a number is: a number the rules do not place is taken
      // as a card, and the customer's login with it (and their password) is the check.
      if (!client) return /^\d{6,32}$/.test(code) ? { id: code } : null;
      unreachable();
      const card = await client().cards.byNumber(code, { retry: false });
      return card?.card_id ? { id: card.card_id } : null;
    },
    findVoucher: async (code: string) => {
      if (!client) return null;
      unreachable();
      const voucher = await client().vouchers.byCode(code, { retry: false });
      return voucher?.voucher_id ? { id: voucher.voucher_id } : null;
    },
    knownVoucher: (code: string) => options.knownVoucher?.(code) ?? false,
  };

  let applied = JSON.stringify(options.settings());
  let classifier = new ScanClassifier(options.settings().classification, lookup);
  let manager: HidDeviceManager | null = null;
  let unsubscribe = (): void => {};

  async function start(): Promise<void> {
    const settings = options.settings();
    if (!options.loader) {
      events.publish('devices.status', {
        hid: 'unavailable',
        devices: [],
        message: 'This window reads scanners as keyboard input only',
        said: { key: 'devices.keyboardOnly' },
      });
      return;
    }
    const pipeline = new ScanPipeline(classifier, scans);
    const sink = {
      submit: pipeline.submit.bind(pipeline),
      reject: pipeline.reject.bind(pipeline),
      cardRemoved,
    };
    const current = new HidDeviceManager({ settings, loader: options.loader, sink });
    manager = current;
    const publish = (): void =>
      events.publish('devices.status', devicesView(current.availability, current.statuses()));
    unsubscribe = current.subscribe(publish);
    await current.start();
    publish();
  }

  await start();
  return {
    onScan(listener) {
      return scans.subscribe((event) => {
        if (event.type === 'scan') listener(event.scan);
      });
    },
    onCardRemoved(listener) {
      const entry = (removal: CardRemoval): void => listener(removal);
      removals.add(entry);
      return () => {
        removals.delete(entry);
      };
    },
    async classify(text) {
      const read = scanFromTypedText(text, {
        source: 'keyboard-wedge',
        deviceId: null,
        receivedAt: Date.now(),
        lrc: options.settings().magstripe.lrc,
      });
      if (isRejectedRead(read)) {
        logger.log('warn', 'input.rejected', { source: read.source, reason: read.reason });
        return null;
      }
      return scanView(await classifier.resolve(read));
    },
    async settingsChanged() {
      const next = JSON.stringify(options.settings());
      if (next === applied) return;
      applied = next;
      classifier = new ScanClassifier(options.settings().classification, lookup);
      unsubscribe();
      await manager?.stop();
      await start();
    },
    async stop() {
      unsubscribe();
      await manager?.stop();
    },
  };
}
