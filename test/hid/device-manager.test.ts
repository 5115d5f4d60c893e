import { afterEach, describe, expect, it } from 'vitest';
import { HidDeviceManager, type DeviceEvent } from '../../electron/hid/device-manager.ts';
import { loadNodeHid } from '../../electron/hid/node-hid-transport.ts';
import type { CardRemoval, ScanSink } from '../../electron/hid/report-decoder.ts';
import { encodeHidPosReports } from '../../shared/input/hid-pos.ts';
import { encodeKeyboardReports } from '../../shared/input/keyboard-report.ts';
import { encodeMagstripeReport } from '../../shared/input/magstripe-hid.ts';
import type { RawScan, RejectedRead } from '../../shared/input/scan.ts';
import { inputSettingsSchema } from '../../shared/input/settings.ts';
import { FakeHidBus, deviceInfo } from './fake-transport.ts';

class RecordingSink implements ScanSink {
  readonly scans: RawScan[] = [];
  readonly rejected: RejectedRead[] = [];
  readonly removals: CardRemoval[] = [];
  cardRemoved(removal: CardRemoval): void {
    this.removals.push(removal);
  }
  submit(scan: RawScan): void {
    this.scans.push(scan);
  }
  reject(read: RejectedRead): void {
    this.rejected.push(read);
  }
}

/** Lets queued reports drain (decoding runs in setImmediate turns). */
async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

const managers: HidDeviceManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.stop()));
});

function setup(settings: unknown = {}, bus = new FakeHidBus()) {
  const sink = new RecordingSink();
  const events: DeviceEvent[] = [];
  const parsed = inputSettingsSchema.parse({ devices: { pollIntervalMs: 60_000 }, ...(settings as object) });
  const manager = new HidDeviceManager({ settings: parsed, loader: async () => bus, sink });
  manager.subscribe((e) => events.push(e));
  managers.push(manager);
  const states = () =>
    events.flatMap((e) => (e.type === 'status' ? [`${e.status.name}:${e.status.state}`] : []));
  return { bus, sink, events, manager, states };
}

const sendAll = (bus: FakeHidBus, path: string, reports: Uint8Array[]) =>
  reports.forEach((r) => bus.connection(path).send(r));

describe('when the HID library is unavailable', () => {
  it('starts in keyboard-wedge-only mode with the reason when node-hid cannot load', async () => {
    const sink = new RecordingSink();
    const manager = new HidDeviceManager({
      settings: inputSettingsSchema.parse({}),
      loader: async () => {
        throw new Error("Cannot find module 'node-hid'");
      },
      sink,
    });
    managers.push(manager);
    const seen: DeviceEvent[] = [];
    manager.subscribe((e) => seen.push(e));
    const availability = await manager.start();
    expect(availability).toMatchObject({
      mode: 'keyboard-wedge-only',
      reason: 'The HID library is missing from this installation.',
    });
    expect(seen).toEqual([{ type: 'availability', availability }]);
    expect(manager.statuses()).toEqual([]);
  });

  it('falls back when the library loads but cannot list devices (missing libusb)', async () => {
    const bus = new FakeHidBus();
    bus.enumerateFailure = new Error(
      'libusb-1.0.so.0: cannot open shared object file: No such file or directory',
    );
    const { manager } = setup({}, bus);
    expect(await manager.start()).toEqual({
      mode: 'keyboard-wedge-only',
      kind: 'libusb',
      reason: 'The USB library libusb is not installed.',
      remedy: 'Install it: sudo apt-get install libusb-1.0-0 (Debian, Ubuntu), then restart the terminal.',
    });
    // It does not keep hammering a library that cannot work.
    await manager.pollNow();
    expect(bus.enumerations).toBe(1);
  });

  it('never throws with the real node-hid on this machine, whatever it has installed', async () => {
    const manager = new HidDeviceManager({
      settings: inputSettingsSchema.parse({ devices: { pollIntervalMs: 60_000 } }),
      loader: loadNodeHid,
      sink: new RecordingSink(),
    });
    managers.push(manager);
    const availability = await manager.start();
    if (availability.mode === 'keyboard-wedge-only') expect(availability.remedy.length).toBeGreaterThan(10);
    else expect(availability).toMatchObject({ mode: 'hid' });
  });

  it('stays off when the settings turn devices off', async () => {
    const { manager, bus } = setup({ devices: { enabled: false } });
    expect(await manager.start()).toMatchObject({ mode: 'off' });
    expect(bus.enumerations).toBe(0);
  });
});

describe('reading devices', () => {
  it('opens a HID POS scanner found by usage page and hands on whole barcodes, long ones joined', async () => {
    const { bus, sink, manager } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3', serialNumber: 'S1' }));
    expect(await manager.start()).toEqual({ mode: 'hid', backend: 'fake bus' });
    expect(manager.statuses()).toMatchObject([
      { id: '05e0:1300/S1', state: 'connected', path: '/dev/hidraw3' },
    ]);
    const qr = `https://shop.example/v/${'k'.repeat(150)}`;
    sendAll(bus, '/dev/hidraw3', [
      ...encodeHidPosReports(']E0', '3046920029759'),
      ...encodeHidPosReports(']Q1', qr),
      ...encodeHidPosReports(']E4', '95012346'),
    ]);
    await settle();
    expect(sink.scans.map((s) => [s.aim, s.text, s.deviceId])).toEqual([
      [']E0', '3046920029759', '05e0:1300/S1'],
      [']Q1', qr, '05e0:1300/S1'],
      [']E4', '95012346', '05e0:1300/S1'],
    ]);
  });

  it('opens the POS interface of a configured Honeywell and switches it to HID POS', async () => {
    const { bus, sink, manager } = setup({
      devices: {
        autoDetect: false,
        configured: [{ name: 'Lane scanner', kind: 'barcode-scanner', vendorId: 0x0c2e }],
      },
    });
    bus.plug(
      deviceInfo({ path: '/dev/hidraw0', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x01, usage: 0x06 }),
    );
    bus.plug(
      deviceInfo({ path: '/dev/hidraw1', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 0x02 }),
    );
    bus.plug(deviceInfo({ path: '/dev/hidraw2', vendorId: 0x05f9, usagePage: 0x8c }));
    await manager.start();
    expect(manager.statuses()).toMatchObject([
      { name: 'Lane scanner', state: 'connected', path: '/dev/hidraw1' },
    ]);
    expect([...bus.connections.keys()]).toEqual(['/dev/hidraw1']);
    expect(bus.connection('/dev/hidraw1').featureReports).toEqual([[0xfe, 0x01]]);
    sendAll(bus, '/dev/hidraw1', encodeHidPosReports(']E0', '3046920029759'));
    await settle();
    expect(sink.scans).toHaveLength(1);
  });

  it('reports a configured device that is not plugged in', async () => {
    const { manager } = setup({
      devices: { configured: [{ name: 'Card reader', kind: 'card-reader', vendorId: 0x0801 }] },
    });
    await manager.start();
    expect(manager.statuses()).toMatchObject([
      { name: 'Card reader', state: 'disconnected', reason: 'not plugged in' },
    ]);
  });

  it('reads a HID magstripe reader: card numbers pass, misreads are rejected', async () => {
    const { bus, sink, manager } = setup();
    bus.plug(
      deviceInfo({ path: '/dev/hidraw5', vendorId: 0x0801, productId: 0x0002, usagePage: 0x8e, usage: 0x01 }),
    );
    await manager.start();
    sendAll(bus, '/dev/hidraw5', [
      encodeMagstripeReport([null, ';10000105?', null]),
      encodeMagstripeReport([null, ';10000105?', null], [0, 1, 0]),
    ]);
    await settle();
    expect(sink.scans).toMatchObject([{ text: '10000105', swiped: true, source: 'hid-magstripe' }]);
    expect(sink.rejected).toMatchObject([{ reason: 'card read failed: the reader could not read track 2' }]);
  });

  it('reads a keyboard-mode scanner configured for the Czech layout', async () => {
    const { bus, sink, manager } = setup({
      devices: {
        configured: [{ name: 'Kbd scanner', kind: 'keyboard-scanner', vendorId: 0x1eab, layout: 'cz' }],
      },
    });
    bus.plug(deviceInfo({ path: '/dev/hidraw7', vendorId: 0x1eab, usagePage: 0x01, usage: 0x06 }));
    await manager.start();
    sendAll(bus, '/dev/hidraw7', [
      ...encodeKeyboardReports('8594000000006', 'cz', 'Enter'),
      ...encodeKeyboardReports(';10000105?', 'cz', 'Enter'),
    ]);
    await settle();
    expect(sink.scans.map((s) => [s.text, s.swiped])).toEqual([
      ['8594000000006', false],
      ['10000105', true],
    ]);
  });
});

describe('plugging, unplugging and failures', () => {
  it('notices an unplug through the read error and reconnects on replug at a new path', async () => {
    const { bus, sink, manager, states } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3', serialNumber: 'S1', product: 'Scanner' }));
    await manager.start();
    // Half of a long barcode, then the cable comes out.
    bus.connection('/dev/hidraw3').send(encodeHidPosReports(']Q1', 'A'.repeat(100))[0]!);
    await settle();
    bus.unplug('/dev/hidraw3');
    await settle();
    expect(manager.statuses()).toMatchObject([
      { state: 'disconnected', reason: 'stopped answering (could not read from HID device)' },
    ]);
    expect(bus.connections.get('/dev/hidraw3')?.closed).toBe(true);
    bus.plug(deviceInfo({ path: '/dev/hidraw4', serialNumber: 'S1', product: 'Scanner' }));
    await manager.pollNow();
    await settle();
    expect(manager.statuses()).toMatchObject([{ state: 'connected', path: '/dev/hidraw4' }]);
    sendAll(bus, '/dev/hidraw4', encodeHidPosReports(']Q1', 'fresh'));
    await settle();
    expect(sink.scans.map((s) => s.text)).toEqual(['fresh']);
    expect(states()).toEqual([
      'Scanner (barcode scanner):connected',
      'Scanner (barcode scanner):disconnected',
      'Scanner (barcode scanner):connected',
    ]);
  });

  it('notices a device that vanished from the list without a read error', async () => {
    const { bus, manager } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    await manager.start();
    const connection = bus.connection('/dev/hidraw3');
    bus.unplug('/dev/hidraw3');
    await manager.pollNow();
    expect(connection.closed).toBe(true);
    expect(manager.statuses()[0]?.state).toBe('disconnected');
  });

  it('reports a device it may not open with the udev remedy, and opens it once allowed', async () => {
    const { bus, manager } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    bus.openFailures.set('/dev/hidraw3', new Error('cannot open device with path /dev/hidraw3'));
    await manager.start();
    await settle();
    const [status] = manager.statuses();
    expect(status?.state).toBe('error');
    if (process.platform === 'linux') expect(status?.reason).toMatch(/udev rule.*70-ccpos-hid\.rules/);
    bus.openFailures.clear();
    await manager.pollNow();
    await settle();
    expect(manager.statuses()[0]?.state).toBe('connected');
  });

  it('backs off a device that keeps failing instead of reopening it on every poll', async () => {
    const { bus, manager } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    await manager.start();
    await settle();
    let opens = 0;
    for (let i = 0; i < 5; i++) {
      if (bus.connections.get('/dev/hidraw3')?.closed === false) {
        opens++;
        bus.connection('/dev/hidraw3').fail('I/O error');
      }
      await settle();
      await manager.pollNow();
      await settle();
    }
    // Reopened at once after the first failure, then held back for the poll interval (60 s here).
    expect(opens).toBe(2);
    expect(manager.statuses()[0]).toMatchObject({
      state: 'disconnected',
      reason: 'stopped answering (I/O error)',
    });
  });

  it('survives a listener that throws', async () => {
    const { bus, manager } = setup();
    manager.subscribe(() => {
      throw new Error('screen gone');
    });
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    await manager.start();
    expect(manager.statuses()[0]?.state).toBe('connected');
  });

  it('bounds a flooding device: stops reading, drops and reports, never merges, then recovers', async () => {
    const { bus, sink, manager } = setup({ devices: { pollIntervalMs: 60_000, maxQueuedReports: 32 } });
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    await manager.start();
    const connection = bus.connection('/dev/hidraw3');
    const long = encodeHidPosReports(']Q1', 'F'.repeat(200));
    let delivered = 0;
    for (let i = 0; i < 100_000; i++) if (connection.send(long[i % long.length]!)) delivered++;
    // The queue holds 32; the 33rd is dropped and reading pauses, whatever the device sends.
    expect(delivered).toBe(33);
    expect(connection.paused).toBe(true);
    await settle();
    expect(connection.paused).toBe(false);
    expect(sink.scans.every((s) => s.text === 'F'.repeat(200))).toBe(true);
    expect(sink.scans).toHaveLength(8);
    expect(sink.rejected.at(-1)?.reason).toMatch(/^1 reports dropped/);
    expect(manager.statuses()[0]?.droppedReports).toBe(1);
    // Right after the loss a one-report scan could be the tail of a lost chain: it is dropped, the next one passes.
    sendAll(bus, '/dev/hidraw3', [
      ...encodeHidPosReports(']E0', '3046920029759'),
      ...encodeHidPosReports(']E0', '95012346'),
    ]);
    await settle();
    expect(sink.scans).toHaveLength(9);
    expect(sink.scans.at(-1)?.text).toBe('95012346');
    expect(sink.rejected.at(-1)?.reason).toBe('the rest of a broken long barcode');
  });

  it('drops oversized reports without keeping them, and reads on', async () => {
    const { bus, sink, manager } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    await manager.start();
    bus.connection('/dev/hidraw3').send(new Uint8Array(1 << 20));
    await settle();
    expect(manager.statuses()[0]?.droppedReports).toBe(1);
    sendAll(bus, '/dev/hidraw3', [
      ...encodeHidPosReports(']E4', '95012346'),
      ...encodeHidPosReports(']E4', '95012346'),
    ]);
    await settle();
    expect(sink.scans.map((s) => s.text)).toEqual(['95012346']);
  });

  it('starts once, and a stop during start leaves nothing open or polling', async () => {
    const { bus, manager } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    const starting = manager.start();
    const stopping = manager.stop();
    await Promise.all([starting, stopping]);
    expect(bus.connections.size).toBe(0);
    const polls = bus.enumerations;
    await manager.start();
    await manager.pollNow();
    expect(bus.enumerations).toBe(polls);
  });

  it('closes every device on stop', async () => {
    const { bus, manager } = setup();
    bus.plug(deviceInfo({ path: '/dev/hidraw3' }));
    bus.plug(deviceInfo({ path: '/dev/hidraw4', usagePage: 0x8e, productId: 2 }));
    await manager.start();
    await manager.stop();
    expect([...bus.connections.values()].every((c) => c.closed)).toBe(true);
    expect(manager.statuses().map((s) => s.reason)).toEqual([
      'the terminal stopped reading devices',
      'the terminal stopped reading devices',
    ]);
  });
});
