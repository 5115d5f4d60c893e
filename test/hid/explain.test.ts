import { describe, expect, it } from 'vitest';
import { explainHidUnavailable, explainOpenFailure, hidProblemSaid } from '../../electron/hid/explain.ts';
import { translate } from '../../shared/i18n/index.ts';
import { matchDevice, whyNotMatched } from '../../electron/hid/matching.ts';
import { deviceSettingsSchema } from '../../shared/input/settings.ts';
import { deviceInfo } from './fake-transport.ts';

describe('why HID input is unavailable', () => {
  it('names the package to install or the rule to add', () => {
    expect(explainHidUnavailable(new Error('libudev.so.1: cannot open shared object file'))).toEqual({
      kind: 'libudev',
      reason: 'The device library libudev is not installed.',
      remedy: 'Install it: sudo apt-get install libudev1, then restart the terminal.',
    });
    expect(explainHidUnavailable(new Error('Failed to find binding for HID')).reason).toBe(
      'The HID library is missing from this installation.',
    );
    expect(explainHidUnavailable(new Error('EACCES: permission denied'), 'linux').remedy).toMatch(
      /^Install the udev rule: sudo cp resources\/udev\/70-ccpos-hid\.rules/,
    );
    expect(explainHidUnavailable(new Error('EACCES'), 'win32').remedy).toBe(
      'Run the terminal as a user allowed to use USB devices.',
    );
    expect(explainHidUnavailable('weird').reason).toBe('The HID library failed: weird');
  });

  it('says each problem in Czech and English on the screens, the commands as they are typed', () => {
    const samples: [unknown, NodeJS.Platform][] = [
      [new Error('libusb-1.0.so.0: cannot open shared object file'), 'linux'],
      [new Error('libudev.so.1: cannot open shared object file'), 'linux'],
      [new Error('Failed to find binding for HID'), 'linux'],
      [new Error('EACCES: permission denied'), 'linux'],
      [new Error('EACCES'), 'win32'],
      ['weird', 'linux'],
    ];
    const kinds = new Set<string>();
    for (const [error, platform] of samples) {
      const said = hidProblemSaid(explainHidUnavailable(error, platform));
      kinds.add(said.key);
      const czech = translate('cs', said.key, said.params);
      expect(czech, said.key).toMatch(/čtečky v režimu klávesnice fungují dál/);
      expect(czech, said.key).not.toMatch(/[{}]|scanners|Install|library/);
      expect(translate('en', said.key, said.params), said.key).toMatch(
        /scanners in keyboard mode still work/,
      );
    }
    expect(kinds.size).toBe(samples.length);
    expect(
      translate(
        'cs',
        'diag.dev.unavailable.permission-udev',
        hidProblemSaid(explainHidUnavailable(new Error('EACCES'), 'linux')).params,
      ),
    ).toContain('sudo cp resources/udev/70-ccpos-hid.rules');
    expect(
      translate('cs', 'diag.dev.unavailable.failed', hidProblemSaid(explainHidUnavailable('weird')).params),
    ).toContain('(weird)');
  });

  it('blames permissions for a device that enumerates but will not open on Linux', () => {
    expect(explainOpenFailure(new Error('cannot open device with path /dev/hidraw2'), 'linux')).toMatch(
      /without the udev rule only root can/,
    );
    expect(explainOpenFailure(new Error('busy'), 'darwin')).toBe('cannot open it: busy');
  });
});

describe('which interfaces are read', () => {
  const settings = deviceSettingsSchema.parse({
    configured: [{ name: 'Zebra', kind: 'barcode-scanner', vendorId: 0x05e0 }],
  });

  it('matches a configured vendor on any product id, on the interface its kind reads', () => {
    expect(matchDevice(deviceInfo({ path: 'a', productId: 0x1200 }), settings)).toMatchObject({
      name: 'Zebra',
      configured: true,
    });
    expect(
      matchDevice(deviceInfo({ path: 'b', productId: 0x1900, usagePage: null, usage: null }), settings),
    ).toMatchObject({ name: 'Zebra' });
    expect(matchDevice(deviceInfo({ path: 'c', usagePage: 0x01, usage: 0x06 }), settings)).toBeNull();
  });

  it('finds HID POS scanners and magstripe readers on their own unless told not to', () => {
    expect(
      matchDevice(deviceInfo({ path: 'd', vendorId: 0x05f9, product: 'Gryphon' }), settings),
    ).toMatchObject({ kind: 'barcode-scanner', name: 'Gryphon (barcode scanner)', configured: false });
    expect(
      matchDevice(deviceInfo({ path: 'e', vendorId: 0x0801, usagePage: 0x8e, product: null }), settings),
    ).toMatchObject({ kind: 'card-reader', name: 'card reader 0801:1300' });
    const manual = deviceSettingsSchema.parse({ autoDetect: false });
    expect(matchDevice(deviceInfo({ path: 'f', vendorId: 0x05f9 }), manual)).toBeNull();
    expect(whyNotMatched(deviceInfo({ path: 'f', vendorId: 0x05f9 }), manual)).toMatch(
      /automatic detection is off/,
    );
    expect(
      whyNotMatched(deviceInfo({ path: 'g', vendorId: 0x046d, usagePage: 0x01, usage: 0x02 }), manual),
    ).toBe('not a scanner or card reader');
  });
});
