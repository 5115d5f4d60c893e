// Which HID interfaces the terminal reads, and as what kind of device.
import type { KeyboardLayout } from '../../shared/input/keyboard-layout.ts';
import type { ConfiguredDevice, DeviceSettings } from '../../shared/input/settings.ts';
import type { HidDeviceInfo } from './transport.ts';

export const USAGE_PAGE_GENERIC_DESKTOP = 0x01;
export const USAGE_KEYBOARD = 0x06;
export const USAGE_PAGE_BARCODE_SCANNER = 0x8c;
export const USAGE_BARCODE_SCANNER = 0x02;
export const USAGE_PAGE_MAGSTRIPE = 0x8e;

export type DeviceKind = ConfiguredDevice['kind'];

export interface DeviceMatch {
  /** Stable across unplug and replug (the device path is not). */
  id: string;
  name: string;
  kind: DeviceKind;
  layout: KeyboardLayout;
  configured: boolean;
  /** What this reader types when the card leaves it; null: it reports no removal. */
  removalSequence: string | null;
}

const KIND_USAGE_PAGE: Record<DeviceKind, number> = {
  'barcode-scanner': USAGE_PAGE_BARCODE_SCANNER,
  'card-reader': USAGE_PAGE_MAGSTRIPE,
  'keyboard-scanner': USAGE_PAGE_GENERIC_DESKTOP,
  'keyboard-card-reader': USAGE_PAGE_GENERIC_DESKTOP,
};

export const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function matchDevice(info: HidDeviceInfo, settings: DeviceSettings): DeviceMatch | null {
  for (const [index, entry] of settings.configured.entries()) {
    if (entry.vendorId !== info.vendorId) continue;
    if (entry.productId !== undefined && entry.productId !== info.productId) continue;
    const page = entry.usagePage ?? KIND_USAGE_PAGE[entry.kind];
    // A scanner may show a keyboard and a POS interface; open the one this kind reads.
    if (info.usagePage !== null && info.usagePage !== page) continue;
    return {
      id: `configured/${index}/${info.serialNumber ?? ''}`,
      name: entry.name,
      kind: entry.kind,
      layout: entry.layout,
      configured: true,
      removalSequence: entry.removalSequence ?? null,
    };
  }
  if (!settings.autoDetect) return null;
  const kind =
    info.usagePage === USAGE_PAGE_BARCODE_SCANNER
      ? 'barcode-scanner'
      : info.usagePage === USAGE_PAGE_MAGSTRIPE
        ? 'card-reader'
        : null;
  if (!kind) return null;
  const label = kind === 'barcode-scanner' ? 'barcode scanner' : 'card reader';
  return {
    id: `${hex4(info.vendorId)}:${hex4(info.productId)}/${info.serialNumber ?? `if${info.interface}`}`,
    name: info.product
      ? `${info.product} (${label})`
      : `${label} ${hex4(info.vendorId)}:${hex4(info.productId)}`,
    kind,
    layout: 'us',
    configured: false,
    removalSequence: null,
  };
}

/** Why a device seen on the bus is not read, in words for `ccpos doctor`. */
export function whyNotMatched(info: HidDeviceInfo, settings: DeviceSettings): string {
  const vendorConfigured = settings.configured.some((e) => e.vendorId === info.vendorId);
  if (info.usagePage === USAGE_PAGE_GENERIC_DESKTOP && info.usage === USAGE_KEYBOARD) {
    return vendorConfigured
      ? 'a keyboard interface of a configured vendor; the desktop reads it as keystrokes (keyboard-wedge input)'
      : 'a keyboard; keyboard-mode scanners on it are read as keystrokes (keyboard-wedge input)';
  }
  if (
    (info.usagePage === USAGE_PAGE_BARCODE_SCANNER || info.usagePage === USAGE_PAGE_MAGSTRIPE) &&
    !settings.autoDetect
  ) {
    return 'a scanner or card reader, but automatic detection is off and no configured device matches it';
  }
  if (vendorConfigured) return 'the vendor is configured but the product id or usage page does not match';
  return 'not a scanner or card reader';
}

/** Vendors whose scanners must be told to speak HID POS after opening. */
export const NEEDS_HID_POS_SWITCH = new Set([0x0c2e, 0x23d0]);
