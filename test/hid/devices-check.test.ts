import { describe, expect, it } from 'vitest';
import {
  createDevicesCheck,
  deviceCheckOutcome,
  inspectDevices,
} from '../../electron/diagnostics/devices.ts';
import { inputSettingsSchema } from '../../shared/input/settings.ts';
import { FakeHidBus, deviceInfo } from './fake-transport.ts';

const settings = (input: unknown = {}) => inputSettingsSchema.parse(input);

describe('device check for ccpos doctor', () => {
  it('lists what it sees and whether each device is read', async () => {
    const bus = new FakeHidBus();
    bus.plug(
      deviceInfo({
        path: '/dev/hidraw0',
        vendorId: 0x046d,
        productId: 0xc31c,
        usagePage: 0x01,
        usage: 0x06,
        product: 'USB Keyboard',
      }),
    );
    bus.plug(
      deviceInfo({ path: '/dev/hidraw1', vendorId: 0x0c2e, productId: 0x0b61, product: 'Xenon 1900' }),
    );
    const inspection = await inspectDevices(
      settings({
        devices: { configured: [{ name: 'Lane scanner', kind: 'barcode-scanner', vendorId: 0x0c2e }] },
      }),
      { loader: async () => bus, canOpen: async () => true },
    );
    const outcome = deviceCheckOutcome(inspection);
    expect(outcome.status).toBe('pass');
    expect(outcome.detail).toBe(
      'fake bus: 2 HID devices, 1 read; ' +
        '046d:c31c "USB Keyboard" usage 0x1/0x6 at /dev/hidraw0: not read, a keyboard; ' +
        'keyboard-mode scanners on it are read as keystrokes (keyboard-wedge input); ' +
        '0c2e:0b61 "Xenon 1900" usage 0x8c/0x2 at /dev/hidraw1: read as barcode-scanner "Lane scanner"',
    );
  });

  it('warns with the udev rule when this user may not open a device; names missing configured devices', async () => {
    const bus = new FakeHidBus();
    bus.plug(deviceInfo({ path: '/dev/hidraw1' }));
    const inspection = await inspectDevices(
      settings({ devices: { configured: [{ name: 'Reader', kind: 'card-reader', vendorId: 0x0801 }] } }),
      { loader: async () => bus, canOpen: async () => false },
    );
    const outcome = deviceCheckOutcome(inspection);
    expect(outcome.status).toBe('warn');
    expect(outcome.detail).toContain('but this user may not open it');
    expect(outcome.detail).toContain('Install the udev rule resources/udev/70-ccpos-hid.rules');
    expect(outcome.detail).toContain('Configured device "Reader" is not plugged in or does not match.');
  });

  it('says what to install when the HID library cannot list devices', async () => {
    const bus = new FakeHidBus();
    bus.enumerateFailure = new Error('libusb-1.0.so.0: cannot open shared object file');
    expect(deviceCheckOutcome(await inspectDevices(settings(), { loader: async () => bus }))).toEqual({
      status: 'warn',
      detail:
        'The USB library libusb is not installed. Scanners in keyboard mode still work. ' +
        'Install it: sudo apt-get install libusb-1.0-0 (Debian, Ubuntu), then restart the terminal.',
      // The same finding as a catalogue sentence, for the screen's language.
      said: [
        {
          key: 'diag.dev.unavailable.libusb',
          params: { command: expect.stringContaining('udevadm'), detail: '' },
        },
      ],
    });
  });

  it('skips when devices are turned off, and reads device settings from the terminal settings', async () => {
    const check = createDevicesCheck({ loader: async () => new FakeHidBus() });
    const context = (terminal: object) =>
      ({ settings: terminal }) as unknown as Parameters<typeof check.run>[0];
    expect(await check.run(context({ input: { devices: { enabled: false } } }))).toMatchObject({
      status: 'skip',
    });
    expect(await check.run(context({}))).toMatchObject({
      status: 'pass',
      detail: 'fake bus: 0 HID devices, 0 read',
    });
  });

  it('runs against the real node-hid here without throwing', async () => {
    const outcome = deviceCheckOutcome(await inspectDevices(settings()));
    expect(['pass', 'warn']).toContain(outcome.status);
  });
});
