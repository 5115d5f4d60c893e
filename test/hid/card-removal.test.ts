// A card leaving a reader, from the fake HID bus through the device manager and the input
// layer the app starts: an insert reader's programmed removal sequence, or the reader itself
// unplugged. Swipe readers, scanners and a closing terminal report no removal.
import { afterEach, describe, expect, it } from 'vitest';
import { HidDeviceManager } from '../../electron/hid/device-manager.ts';
import type { CardRemoval } from '../../electron/hid/report-decoder.ts';
import { startInput, type InputDevices } from '../../electron/input/scans.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import type { ScanEvent } from '../../shared/ipc/contract.ts';
import { encodeKeyboardReports } from '../../shared/input/keyboard-report.ts';
import { encodeMagstripeReport } from '../../shared/input/magstripe-hid.ts';
import { inputSettingsSchema } from '../../shared/input/settings.ts';
import { FakeHidBus, deviceInfo } from './fake-transport.ts';

const DIP = {
  name: 'Dip reader',
  kind: 'keyboard-card-reader',
  vendorId: 0x0801,
  removalSequence: '%REMOVED?',
} as const;
const DIP_PATH = '/dev/hidraw2';

async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

const started: InputDevices[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((input) => input.stop()));
});

async function start(devices: unknown, bus = new FakeHidBus()) {
  const settings = inputSettingsSchema.parse({ devices: { pollIntervalMs: 60_000, ...(devices as object) } });
  const published: ScanEvent[] = [];
  const input = await startInput({
    settings: () => settings,
    client: null,
    events: {
      publish: (event, payload) => {
        if (event === 'input.scan') published.push(payload as ScanEvent);
      },
    },
    loader: async () => bus,
    logger: silentLogger,
    online: () => true,
  });
  started.push(input);
  const removals: CardRemoval[] = [];
  input.onCardRemoved((removal) => removals.push(removal));
  const type = (text: string, layout: 'us' | 'cz' = 'us') =>
    encodeKeyboardReports(text, layout, 'Enter').forEach((r) => bus.connection(DIP_PATH).send(r));
  return { bus, input, published, removals, type };
}

describe('an insert reader that types a removal sequence', () => {
  it('reports the removal as its own event, not as a scan, and reads cards as before', async () => {
    const bus = new FakeHidBus();
    bus.plug(deviceInfo({ path: DIP_PATH, vendorId: 0x0801, usagePage: 0x01, usage: 0x06 }));
    const { published, removals, type } = await start({ configured: [DIP] }, bus);
    type(';10000105?');
    await settle();
    type('%REMOVED?');
    await settle();
    expect(published).toMatchObject([{ kind: 'loyalty_card', code: '10000105', deviceId: 'configured/0/' }]);
    expect(removals).toMatchObject([{ deviceId: 'configured/0/', how: 'removal-sequence' }]);
  });

  it('knows the sequence when the reader types on the Czech layout', async () => {
    const bus = new FakeHidBus();
    bus.plug(deviceInfo({ path: DIP_PATH, vendorId: 0x0801, usagePage: 0x01, usage: 0x06 }));
    const { removals, type } = await start({ configured: [{ ...DIP, layout: 'cz' }] }, bus);
    type('%REMOVED?', 'cz');
    await settle();
    expect(removals).toMatchObject([{ how: 'removal-sequence' }]);
  });

  it('is off by default: a reader without a configured sequence typing the same text removes nothing', async () => {
    const bus = new FakeHidBus();
    bus.plug(deviceInfo({ path: DIP_PATH, vendorId: 0x0801, usagePage: 0x01, usage: 0x06 }));
    const { removals, published, type } = await start(
      { configured: [{ name: 'Dip reader', kind: 'keyboard-card-reader', vendorId: 0x0801 }] },
      bus,
    );
    type('%REMOVED?');
    type('%REMOVED');
    await settle();
    expect(removals).toEqual([]);
    expect(published.filter((s) => s.kind === 'loyalty_card')).toEqual([]);
  });

  it('takes only the exact sequence: a longer or shorter text is not a removal', async () => {
    const bus = new FakeHidBus();
    bus.plug(deviceInfo({ path: DIP_PATH, vendorId: 0x0801, usagePage: 0x01, usage: 0x06 }));
    const { removals, type } = await start({ configured: [DIP] }, bus);
    type('%REMOVED?X');
    type('%REMOVED');
    await settle();
    expect(removals).toEqual([]);
  });
});

describe('a card reader unplugged', () => {
  it('is a removal of whatever card was in it, under the id its scans carry', async () => {
    const bus = new FakeHidBus();
    bus.plug(
      deviceInfo({
        path: '/dev/hidraw5',
        vendorId: 0x0801,
        productId: 0x0002,
        usagePage: 0x8e,
        usage: 0x01,
        serialNumber: 'R1',
      }),
    );
    const { removals, published } = await start({}, bus);
    bus.connection('/dev/hidraw5').send(encodeMagstripeReport([null, ';10000105?', null]));
    await settle();
    const readerId = published[0]?.deviceId;
    expect(readerId).toBe('0801:0002/R1');
    bus.unplug('/dev/hidraw5');
    await settle();
    expect(removals).toMatchObject([{ deviceId: readerId, how: 'reader-unplugged' }]);
  });

  it('is a removal when the reader left the list and came back at another path between two reads of it', async () => {
    const bus = new FakeHidBus();
    bus.plug(deviceInfo({ path: DIP_PATH, vendorId: 0x0801, usagePage: 0x01, usage: 0x06 }));
    const removals: CardRemoval[] = [];
    const settings = inputSettingsSchema.parse({ devices: { pollIntervalMs: 60_000, configured: [DIP] } });
    const manager = new HidDeviceManager({
      settings,
      loader: async () => bus,
      sink: { submit: () => {}, reject: () => {}, cardRemoved: (r) => removals.push(r) },
    });
    await manager.start();
    // No read error on the old connection: the device list alone shows the replug.
    bus.connection(DIP_PATH).closed = true;
    bus.unplug(DIP_PATH);
    bus.plug(deviceInfo({ path: '/dev/hidraw9', vendorId: 0x0801, usagePage: 0x01, usage: 0x06 }));
    await manager.pollNow();
    await settle();
    await manager.stop();
    expect(removals).toMatchObject([{ deviceId: 'configured/0/', how: 'reader-unplugged' }]);
  });

  it('is not a removal for a barcode scanner, nor when the terminal stops reading', async () => {
    const bus = new FakeHidBus();
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    bus.plug(
      deviceInfo({ path: '/dev/hidraw5', vendorId: 0x0801, productId: 0x0002, usagePage: 0x8e, usage: 0x01 }),
    );
    const { input, removals } = await start({}, bus);
    bus.unplug('/dev/hidraw3');
    await settle();
    expect(removals).toEqual([]);
    await input.stop();
    expect(removals).toEqual([]);
  });
});

describe('the removal sequence in the settings', () => {
  const device = (removalSequence: unknown, kind = 'keyboard-card-reader') =>
    inputSettingsSchema.safeParse({
      devices: { configured: [{ name: 'R', kind, vendorId: 1, removalSequence }] },
    });

  it('is absent unless configured', () => {
    expect(
      inputSettingsSchema.parse({
        devices: { configured: [{ name: 'R', kind: 'keyboard-card-reader', vendorId: 1 }] },
      }).devices.configured[0]?.removalSequence,
    ).toBeUndefined();
    expect(device('%REMOVED?').success).toBe(true);
  });

  it('refuses what may be a card, is unprintable, too short or long, or is from a device that types no removal', () => {
    for (const bad of ['10000105', '1000 0105', '%R\u0000?', '%Ř?', 'ab', 'x'.repeat(65), 42, null])
      expect(device(bad).success, JSON.stringify(bad)).toBe(false);
    for (const kind of ['barcode-scanner', 'keyboard-scanner', 'card-reader'])
      expect(device('%REMOVED?', kind).success, kind).toBe(false);
  });
});
