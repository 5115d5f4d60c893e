// Finds, opens and reads the configured scanners and card readers; notices unplug and replug by
// polling the device list (node-hid has no hotplug events). A HID stack that will not load leaves
// the terminal on keyboard-wedge input with the reason, never a crash.
import type { ScanSource } from '../../shared/input/scan.ts';
import type { InputSettings } from '../../shared/input/settings.ts';
import { explainHidUnavailable, explainOpenFailure, type HidProblem } from './explain.ts';
import { NEEDS_HID_POS_SWITCH, matchDevice, type DeviceKind, type DeviceMatch } from './matching.ts';
import { createReportDecoder, type ReportDecoder, type ScanSink } from './report-decoder.ts';
import type { HidConnection, HidDeviceInfo, HidTransport, HidTransportLoader } from './transport.ts';

export type DeviceState = 'connected' | 'disconnected' | 'error';

export interface DeviceStatus {
  id: string;
  name: string;
  kind: DeviceKind;
  path: string | null;
  state: DeviceState;
  /** Plain words for the state when it is not simply "connected". */
  reason: string | null;
  /** Reports thrown away because the device sent faster than they could be decoded. */
  droppedReports: number;
}

export type HidAvailability =
  | { mode: 'starting' }
  | { mode: 'off'; reason: string }
  | { mode: 'hid'; backend: string }
  | ({ mode: 'keyboard-wedge-only' } & HidProblem);

export type DeviceEvent =
  { type: 'status'; status: DeviceStatus } | { type: 'availability'; availability: HidAvailability };

export interface DeviceManagerOptions {
  settings: InputSettings;
  loader: HidTransportLoader;
  sink: ScanSink;
  now?: () => number;
}

interface Slot {
  match: DeviceMatch;
  status: DeviceStatus;
  connection: HidConnection | null;
  opening: boolean;
  decoder: ReportDecoder;
  /** Reports waiting to be decoded; null marks where reports were lost. */
  queue: Array<Uint8Array | null>;
  head: number;
  paused: boolean;
  failures: number;
  retryAt: number;
}

const MAX_RETRY_MS = 60_000;
const CARD_READERS: ReadonlySet<DeviceKind> = new Set<DeviceKind>(['card-reader', 'keyboard-card-reader']);
const MAX_REPORT_BYTES = 4096;

const SOURCE_OF: Record<DeviceKind, ScanSource> = {
  'barcode-scanner': 'hid-pos',
  'card-reader': 'hid-magstripe',
  'keyboard-scanner': 'hid-keyboard',
  'keyboard-card-reader': 'hid-keyboard',
};

export class HidDeviceManager {
  #availability: HidAvailability = { mode: 'starting' };
  #transport: HidTransport | null = null;
  #enumeratedOnce = false;
  #started = false;
  #stopped = false;
  #polling: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #drainScheduled = false;
  readonly #opening = new Set<Promise<void>>();
  readonly #slots = new Map<string, Slot>();
  readonly #listeners = new Set<(event: DeviceEvent) => void>();
  readonly #settings: InputSettings;
  readonly #loader: HidTransportLoader;
  readonly #sink: ScanSink;
  readonly #now: () => number;

  constructor(options: DeviceManagerOptions) {
    this.#settings = options.settings;
    this.#loader = options.loader;
    this.#sink = options.sink;
    this.#now = options.now ?? (() => performance.now());
  }

  get availability(): HidAvailability {
    return this.#availability;
  }

  statuses(): DeviceStatus[] {
    return [...this.#slots.values()].map((s) => ({ ...s.status }));
  }

  subscribe(listener: (event: DeviceEvent) => void): () => void {
    const entry = (event: DeviceEvent) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Loads the HID library and reads the device list once; never throws. */
  async start(): Promise<HidAvailability> {
    if (this.#started) return this.#availability;
    this.#started = true;
    if (!this.#settings.devices.enabled) {
      this.#setAvailability({ mode: 'off', reason: 'HID devices are turned off in the settings' });
      return this.#availability;
    }
    try {
      this.#transport = await this.#loader();
    } catch (error) {
      this.#setAvailability({ mode: 'keyboard-wedge-only', ...explainHidUnavailable(error) });
      return this.#availability;
    }
    for (const [index, entry] of this.#settings.devices.configured.entries()) {
      const match: DeviceMatch = {
        id: `configured/${index}/`,
        name: entry.name,
        kind: entry.kind,
        layout: entry.layout,
        configured: true,
        removalSequence: entry.removalSequence ?? null,
      };
      this.#slots.set(match.id, this.#newSlot(match, 'not plugged in'));
    }
    await this.pollNow();
    return this.#availability;
  }

  /** One pass over the device list: open what appeared, close what vanished. */
  pollNow(): Promise<void> {
    this.#polling ??= this.#poll().finally(() => {
      this.#polling = null;
      this.#schedulePoll();
    });
    return this.#polling;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#polling;
    await Promise.all([...this.#opening]);
    await Promise.all(
      [...this.#slots.values()].map((slot) =>
        this.#disconnect(slot, 'disconnected', 'the terminal stopped reading devices'),
      ),
    );
  }

  async #poll(): Promise<void> {
    const transport = this.#transport;
    if (!transport || this.#stopped) return;
    let devices: HidDeviceInfo[];
    try {
      devices = await transport.enumerate();
    } catch (error) {
      // A library that never listed anything is unusable (missing libusb shows up only here).
      if (!this.#enumeratedOnce) {
        this.#transport = null;
        this.#setAvailability({ mode: 'keyboard-wedge-only', ...explainHidUnavailable(error) });
      }
      return;
    }
    if (!this.#enumeratedOnce) {
      this.#enumeratedOnce = true;
      this.#setAvailability({ mode: 'hid', backend: transport.backend });
    }
    const present = new Map<string, HidDeviceInfo>();
    for (const info of devices) {
      const match = matchDevice(info, this.#settings.devices);
      if (!match || present.has(match.id)) continue;
      present.set(match.id, info);
      let slot = this.#slots.get(match.id);
      if (!slot && match.configured) {
        // The configured entry's placeholder gives way to the device once its serial number is known.
        this.#slots.delete(`${match.id.slice(0, match.id.lastIndexOf('/'))}/`);
      }
      if (!slot) {
        slot = this.#newSlot(match, null);
        this.#slots.set(match.id, slot);
      }
      if (slot.connection && slot.status.path !== info.path)
        await this.#disconnect(slot, 'disconnected', 'replugged', true);
      if (!slot.connection && !slot.opening && this.#now() >= slot.retryAt) {
        const opening = this.#open(slot, info, transport);
        this.#opening.add(opening);
        void opening.finally(() => this.#opening.delete(opening));
      }
    }
    for (const slot of this.#slots.values()) {
      if (present.has(slot.match.id) || slot.opening) continue;
      if (slot.connection || slot.status.state !== 'disconnected')
        await this.#disconnect(
          slot,
          'disconnected',
          slot.match.configured ? 'not plugged in' : 'unplugged',
          true,
        );
    }
  }

  async #open(slot: Slot, info: HidDeviceInfo, transport: HidTransport): Promise<void> {
    slot.opening = true;
    slot.status.path = info.path;
    let connection: HidConnection;
    try {
      connection = await transport.open(info.path);
    } catch (error) {
      slot.opening = false;
      this.#backOff(slot);
      this.#setStatus(slot, 'error', explainOpenFailure(error));
      return;
    }
    slot.opening = false;
    if (this.#stopped) {
      await connection.close().catch(() => {});
      return;
    }
    slot.connection = connection;
    slot.decoder.reset();
    try {
      connection.start(
        (report) => this.#receive(slot, connection, report),
        (error) => void this.#readFailed(slot, connection, error),
      );
    } catch (error) {
      slot.connection = null;
      await connection.close().catch(() => {});
      this.#backOff(slot);
      this.#setStatus(slot, 'error', explainOpenFailure(error));
      return;
    }
    this.#setStatus(slot, 'connected', null);
    if (slot.match.kind === 'barcode-scanner' && NEEDS_HID_POS_SWITCH.has(info.vendorId)) {
      // Switches output to HID POS reports; a scanner already in that mode may refuse, which is harmless.
      await connection.sendFeatureReport([0xfe, 0x01]).catch(() => {});
    }
  }

  #receive(slot: Slot, connection: HidConnection, report: Uint8Array): void {
    if (slot.connection !== connection) return;
    const waiting = slot.queue.length - slot.head;
    // No scanner or reader sends reports this large; keeping one would only cost memory.
    if (report.length > MAX_REPORT_BYTES) {
      slot.status.droppedReports++;
      if (slot.queue[slot.queue.length - 1] !== null) slot.queue.push(null);
      this.#scheduleDrain();
      return;
    }
    if (waiting >= this.#settings.devices.maxQueuedReports) {
      slot.status.droppedReports++;
      if (slot.queue[slot.queue.length - 1] !== null) slot.queue.push(null);
      if (!slot.paused) {
        slot.paused = true;
        connection.pause();
      }
      return;
    }
    slot.queue.push(report);
    this.#scheduleDrain();
  }

  #scheduleDrain(): void {
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    // Decoding runs in bounded turns so a chattering device cannot starve the main process.
    setImmediate(() => this.#drain());
  }

  #drain(): void {
    this.#drainScheduled = false;
    const perTurn = this.#settings.devices.reportsPerTurn;
    let more = false;
    for (const slot of this.#slots.values()) {
      let done = 0;
      while (slot.head < slot.queue.length && done < perTurn) {
        const report = slot.queue[slot.head++];
        done++;
        if (report === null) {
          const at = this.#now();
          slot.decoder.lost(at);
          this.#sink.reject({
            source: SOURCE_OF[slot.match.kind],
            deviceId: slot.match.id,
            reason: `${slot.status.droppedReports} reports dropped: the device sent more than the terminal could read`,
            receivedAt: at,
          });
          this.#emit({ type: 'status', status: { ...slot.status } });
        } else if (report) {
          slot.failures = 0;
          slot.decoder.push(report, this.#now());
        }
      }
      if (slot.head < slot.queue.length) {
        more = true;
        continue;
      }
      slot.queue = [];
      slot.head = 0;
      if (slot.paused && slot.connection) {
        slot.paused = false;
        slot.connection.resume();
      }
    }
    if (more) this.#scheduleDrain();
  }

  async #readFailed(slot: Slot, connection: HidConnection, error: Error): Promise<void> {
    if (slot.connection !== connection) return;
    this.#backOff(slot);
    // node-hid reports an unplugged device as a read error.
    await this.#disconnect(slot, 'disconnected', `stopped answering (${error.message})`, true);
    if (!this.#stopped) void this.pollNow();
  }

  /** `gone`: the device left the bus (or stopped answering), not the terminal closing it. */
  async #disconnect(slot: Slot, state: DeviceState, reason: string, gone = false): Promise<void> {
    const connection = slot.connection;
    slot.connection = null;
    slot.queue = [];
    slot.head = 0;
    slot.paused = false;
    slot.decoder.reset();
    if (connection) await connection.close().catch(() => {});
    if (slot.status.state !== state || slot.status.reason !== reason) this.#setStatus(slot, state, reason);
    // A card cannot stay in a reader that is gone: whoever signed in with it has left the reader.
    if (gone && connection && CARD_READERS.has(slot.match.kind))
      this.#sink.cardRemoved({ deviceId: slot.match.id, how: 'reader-unplugged', at: this.#now() });
  }

  #backOff(slot: Slot): void {
    slot.failures++;
    const delay = Math.min(MAX_RETRY_MS, this.#settings.devices.pollIntervalMs * 2 ** (slot.failures - 1));
    slot.retryAt = slot.failures > 1 ? this.#now() + delay : 0;
  }

  #newSlot(match: DeviceMatch, reason: string | null): Slot {
    return {
      match,
      status: {
        id: match.id,
        name: match.name,
        kind: match.kind,
        path: null,
        state: 'disconnected',
        reason,
        droppedReports: 0,
      },
      connection: null,
      opening: false,
      decoder: createReportDecoder(match, this.#settings, this.#sink),
      queue: [],
      head: 0,
      paused: false,
      failures: 0,
      retryAt: 0,
    };
  }

  #schedulePoll(): void {
    if (this.#stopped || !this.#transport || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.pollNow();
    }, this.#settings.devices.pollIntervalMs);
    this.#timer.unref?.();
  }

  #setStatus(slot: Slot, state: DeviceState, reason: string | null): void {
    slot.status.state = state;
    slot.status.reason = reason;
    this.#emit({ type: 'status', status: { ...slot.status } });
  }

  #setAvailability(availability: HidAvailability): void {
    this.#availability = availability;
    this.#emit({ type: 'availability', availability });
  }

  #emit(event: DeviceEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A failing status listener must not stop device reading; the next status event retries it.
      }
    }
  }
}
