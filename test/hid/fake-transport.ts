// A HID bus in memory: devices plug, unplug, fail and flood on command.
import type { HidConnection, HidDeviceInfo, HidTransport } from '../../electron/hid/transport.ts';

export class FakeConnection implements HidConnection {
  paused = false;
  closed = false;
  started = false;
  readonly featureReports: number[][] = [];
  #onReport: ((report: Uint8Array) => void) | null = null;
  #onError: ((error: Error) => void) | null = null;

  start(onReport: (report: Uint8Array) => void, onError: (error: Error) => void): void {
    this.started = true;
    this.#onReport = onReport;
    this.#onError = onError;
  }

  /** Delivers a report unless paused or closed (then the kernel would drop it); returns whether it was delivered. */
  send(report: Uint8Array): boolean {
    if (this.paused || this.closed || !this.#onReport) return false;
    this.#onReport(report);
    return true;
  }

  fail(message: string): void {
    if (!this.closed) this.#onError?.(new Error(message));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  async sendFeatureReport(data: readonly number[]): Promise<void> {
    this.featureReports.push([...data]);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function deviceInfo(overrides: Partial<HidDeviceInfo> & { path: string }): HidDeviceInfo {
  return {
    vendorId: 0x05e0,
    productId: 0x1300,
    usagePage: 0x8c,
    usage: 0x02,
    product: 'Test Scanner',
    manufacturer: 'Test',
    serialNumber: null,
    interface: 0,
    ...overrides,
  };
}

export class FakeHidBus implements HidTransport {
  readonly backend = 'fake bus';
  readonly connections = new Map<string, FakeConnection>();
  readonly openFailures = new Map<string, Error>();
  enumerateFailure: Error | null = null;
  enumerations = 0;
  #devices = new Map<string, HidDeviceInfo>();

  plug(info: HidDeviceInfo): void {
    this.#devices.set(info.path, info);
  }

  /** The device leaves the bus; an open connection sees the read error node-hid gives. */
  unplug(path: string): void {
    this.#devices.delete(path);
    this.connections.get(path)?.fail('could not read from HID device');
  }

  async enumerate(): Promise<HidDeviceInfo[]> {
    this.enumerations++;
    if (this.enumerateFailure) throw this.enumerateFailure;
    return [...this.#devices.values()].map((d) => ({ ...d }));
  }

  async open(path: string): Promise<HidConnection> {
    const failure = this.openFailures.get(path);
    if (failure) throw failure;
    if (!this.#devices.has(path)) throw new Error(`cannot open device with path ${path}`);
    const connection = new FakeConnection();
    this.connections.set(path, connection);
    return connection;
  }

  connection(path: string): FakeConnection {
    const connection = this.connections.get(path);
    if (!connection || connection.closed) throw new Error(`${path} is not open`);
    return connection;
  }
}
