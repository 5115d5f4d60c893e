// Plain reasons and remedies for a HID stack that will not load or a device that will not open.

export interface HidProblem {
  reason: string;
  remedy: string;
}

export const UDEV_RULE_PATH = 'resources/udev/70-ccpos-hid.rules';
const UDEV_REMEDY = `Install the udev rule: sudo cp ${UDEV_RULE_PATH} /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger, then unplug and replug the device.`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why node-hid could not load or list devices, and what fixes it. */
export function explainHidUnavailable(error: unknown, platform: NodeJS.Platform = process.platform): HidProblem {
  const text = message(error);
  if (/libusb-1\.0\.so/.test(text)) {
    return { reason: 'The USB library libusb is not installed.', remedy: 'Install it: sudo apt-get install libusb-1.0-0 (Debian, Ubuntu), then restart the terminal.' };
  }
  if (/libudev\.so/.test(text)) {
    return { reason: 'The device library libudev is not installed.', remedy: 'Install it: sudo apt-get install libudev1, then restart the terminal.' };
  }
  if (/Failed to find binding|No native build|Cannot find module|ERR_MODULE_NOT_FOUND|MODULE_NOT_FOUND/.test(text)) {
    return {
      reason: 'The HID library is missing from this installation.',
      remedy: 'Reinstall ccpos; a packaged build must ship node-hid unbundled with its prebuilt binaries.',
    };
  }
  if (/EACCES|permission denied/i.test(text)) {
    return platform === 'linux'
      ? { reason: 'This user may not read HID devices.', remedy: UDEV_REMEDY }
      : { reason: 'This user may not read HID devices.', remedy: 'Run the terminal as a user allowed to use USB devices.' };
  }
  return { reason: `The HID library failed: ${text}`, remedy: 'Check that the USB stack works (lsusb); scanners in keyboard mode keep working meanwhile.' };
}

/** Why one device would not open. On Linux a device that enumerates but will not open is almost always a permission problem. */
export function explainOpenFailure(error: unknown, platform: NodeJS.Platform = process.platform): string {
  const text = message(error);
  if (platform === 'linux' && /cannot open|EACCES|permission/i.test(text)) {
    return `cannot open it (${text}); without the udev rule only root can: ${UDEV_REMEDY}`;
  }
  return `cannot open it: ${text}`;
}
