// Settings for scanners, card readers, keyboard-wedge detection and what a scan means.
import { z } from 'zod';

const usbId = z.number().int().min(0).max(0xffff);

const regexSource = z
  .string()
  .min(1)
  .max(200)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

export const configuredDeviceSchema = z
  .object({
    name: z.string().min(1).max(80),
    /** barcode-scanner: HID POS (usage page 0x8C); card-reader: usage page 0x8E; keyboard-*: boot keyboard reports. */
    kind: z.enum(['barcode-scanner', 'card-reader', 'keyboard-scanner', 'keyboard-card-reader']),
    vendorId: usbId,
    /** Leave out to match any product of the vendor (some scanners change it with their host mode). */
    productId: usbId.optional(),
    usagePage: usbId.optional(),
    /** The keyboard country a keyboard-mode device is configured for. */
    layout: z.enum(['us', 'cz']).default('us'),
    /**
     * What an insert (dip) or contactless reader in keyboard mode types when the card leaves it,
     * as programmed into the reader; absent: the reader reports no removal (swipe readers cannot).
     * Printable ASCII only, never digits alone (a card number must not read as a removal).
     */
    removalSequence: z
      .string()
      .min(3)
      .max(64)
      .regex(/^[\x20-\x7e]+$/, 'printable ASCII only')
      .refine(
        (text) => !/^[\d\s]+$/.test(text),
        'must not be digits alone: a card number could read as a removal',
      )
      .optional(),
  })
  .refine((device) => device.removalSequence === undefined || device.kind === 'keyboard-card-reader', {
    path: ['removalSequence'],
    message: 'only a keyboard-card-reader types a removal sequence',
  });
export type ConfiguredDevice = z.infer<typeof configuredDeviceSchema>;

export const deviceSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Open every HID POS scanner (0x8C) and magstripe reader (0x8E) without listing it. */
  autoDetect: z.boolean().default(true),
  configured: z.array(configuredDeviceSchema).max(32).default([]),
  /** How often the device list is read to notice plugging and unplugging. */
  pollIntervalMs: z.number().int().min(250).max(60_000).default(2000),
  /** Reports waiting to be decoded per device; beyond this they are dropped and reported. */
  maxQueuedReports: z.number().int().min(8).max(65_536).default(256),
  /** Reports decoded per device per turn of the event loop. */
  reportsPerTurn: z.number().int().min(1).max(4096).default(64),
  /** Longest pause inside one multi-report scan. */
  reassemblyGapMs: z.number().int().min(10).max(5000).default(250),
  maxScanBytes: z.number().int().min(64).max(65_536).default(4096),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

export const wedgeSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Longest pause between two scanner keys; "scan a test code" measures it. */
  maxKeyGapMs: z.number().int().min(5).max(500).default(50),
  /** Shorter bursts are a person typing. */
  minLength: z.number().int().min(2).max(64).default(4),
  maxLength: z.number().int().min(8).max(4096).default(512),
  suffixes: z
    .array(z.enum(['Enter', 'Tab']))
    .min(1)
    .default(['Enter', 'Tab']),
  /** The keyboard country the scanner is configured for (not the desktop's). */
  scannerLayout: z.enum(['us', 'cz']).default('us'),
});
export type WedgeSettings = z.infer<typeof wedgeSettingsSchema>;

export const scanRuleSchema = z.object({
  name: z.string().min(1).max(80),
  kind: z.enum(['card', 'voucher', 'product']),
  /** Any of these prefixes; empty for any. */
  prefixes: z.array(z.string().min(1).max(32)).max(64).default([]),
  /** Any of these lengths; empty for any. */
  lengths: z.array(z.number().int().min(1).max(4096)).max(32).default([]),
  pattern: regexSource.optional(),
  checkDigit: z.enum(['none', 'gtin', 'luhn']).default('none'),
  /** AIM identifier prefixes such as "]E"; empty for any (keyboard input carries none). */
  symbologies: z.array(z.string().min(1).max(3)).max(32).default([]),
});
export type ScanRule = z.infer<typeof scanRuleSchema>;

/**
 * Retail GTINs are products; in-store (2...) and coupon (98/99...) numbers are left to the other rules or CareCloud.
 */
export const DEFAULT_SCAN_RULES: ScanRule[] = [
  {
    name: 'Retail EAN/UPC',
    kind: 'product',
    prefixes: [],
    lengths: [8, 12, 13],
    pattern: '^(?!2|9[89])\\d+$',
    checkDigit: 'gtin',
    symbologies: [],
  },
];

export const classificationSettingsSchema = z.object({
  rules: z.array(scanRuleSchema).max(64).default(DEFAULT_SCAN_RULES),
  /** What a code is when neither the rules nor CareCloud know it. */
  unresolved: z.enum(['product', 'unknown']).default('product'),
  /** How long one CareCloud lookup may take before the scan is passed on as unknown. */
  lookupTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
});
export type ClassificationSettings = z.infer<typeof classificationSettingsSchema>;

export const inputSettingsSchema = z.object({
  devices: deviceSettingsSchema.prefault({}),
  wedge: wedgeSettingsSchema.prefault({}),
  magstripe: z.object({ lrc: z.boolean().default(false) }).prefault({}),
  classification: classificationSettingsSchema.prefault({}),
});
export type InputSettings = z.infer<typeof inputSettingsSchema>;

export const DEFAULT_INPUT_SETTINGS: InputSettings = inputSettingsSchema.parse({});
