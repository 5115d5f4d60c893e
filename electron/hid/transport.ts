// The narrow surface the device manager needs from a HID library, so node-hid stays behind it
// (loaded lazily, replaceable by a fake in tests and by a simulator in demo mode).

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  /** Null when the backend does not report usages (libusb on some systems). */
  usagePage: number | null;
  usage: number | null;
  product: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  interface: number;
}

export interface HidConnection {
  /** Starts delivery; each report is a fresh array the receiver may keep. */
  start(onReport: (report: Uint8Array) => void, onError: (error: Error) => void): void;
  /** Stops reading from the device for now (back pressure). */
  pause(): void;
  resume(): void;
  /** Byte 0 is the report id. */
  sendFeatureReport(data: readonly number[]): Promise<void>;
  close(): Promise<void>;
}

export interface HidTransport {
  /** Names the library and backend for status screens, e.g. "node-hid 0.14.0 (hidraw)". */
  readonly backend: string;
  enumerate(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidConnection>;
}

export type HidTransportLoader = () => Promise<HidTransport>;
