// node-hid behind the transport interface. Loaded on first use so a missing native library
// turns into a status message instead of a crash at startup.
import type { Device, HIDAsync } from 'node-hid';
import type { HidConnection, HidDeviceInfo, HidTransport, HidTransportLoader } from './transport.ts';

type NodeHid = typeof import('node-hid');

export const loadNodeHid: HidTransportLoader = async () => {
  const loaded = (await import('node-hid')) as NodeHid & { default?: NodeHid };
  const hid = loaded.default ?? loaded;
  // hidraw reports usage pages and leaves the kernel driver attached; must be chosen before first use.
  const driver = process.platform === 'linux' ? 'hidraw' : 'native';
  if (process.platform === 'linux') hid.setDriverType('hidraw');
  return new NodeHidTransport(hid, driver);
};

class NodeHidTransport implements HidTransport {
  readonly backend: string;
  readonly #hid: NodeHid;

  constructor(hid: NodeHid, driver: string) {
    this.#hid = hid;
    this.backend = `node-hid (${driver})`;
  }

  async enumerate(): Promise<HidDeviceInfo[]> {
    const devices = await this.#hid.devicesAsync();
    return devices.filter((d): d is Device & { path: string } => typeof d.path === 'string').map(toInfo);
  }

  async open(path: string): Promise<HidConnection> {
    return new NodeHidConnection(await this.#hid.HIDAsync.open(path));
  }
}

function toInfo(d: Device & { path: string }): HidDeviceInfo {
  return {
    path: d.path,
    vendorId: d.vendorId,
    productId: d.productId,
    usagePage: d.usagePage ?? null,
    usage: d.usage ?? null,
    product: d.product ?? null,
    manufacturer: d.manufacturer ?? null,
    serialNumber: d.serialNumber ?? null,
    interface: d.interface,
  };
}

class NodeHidConnection implements HidConnection {
  readonly #device: HIDAsync;

  constructor(device: HIDAsync) {
    this.#device = device;
  }

  start(onReport: (report: Uint8Array) => void, onError: (error: Error) => void): void {
    this.#device.on('error', (error: unknown) =>
      onError(error instanceof Error ? error : new Error(String(error))),
    );
    // Adding the data listener starts node-hid's read thread.
    this.#device.on('data', (report: Buffer) => onReport(report));
  }

  pause(): void {
    this.#device.pause();
  }

  resume(): void {
    this.#device.resume();
  }

  async sendFeatureReport(data: readonly number[]): Promise<void> {
    await this.#device.sendFeatureReport([...data]);
  }

  async close(): Promise<void> {
    await this.#device.close();
  }
}
