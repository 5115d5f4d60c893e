// Plain reasons and remedies for a HID stack that will not load or a device that will not open.

/** Which problem it is, so the screens can say it in their language (`diag.dev.unavailable.<kind>`). */
export type HidProblemKind = 'libusb' | 'libudev' | 'missing' | 'permission-udev' | 'permission' | 'failed';

export interface HidProblem {
  kind: HidProblemKind;
  /** English, for `ccpos doctor` and the log. */
  reason: string;
  remedy: string;
  /** The library's own error text, for `failed`. */
  detail?: string;
}

export const UDEV_RULE_PATH = 'resources/udev/70-ccpos-hid.rules';
/** The shell command that installs the rule; the same in every language. */
export const UDEV_COMMAND =
  `sudo cp ${UDEV_RULE_PATH} /etc/udev/rules.d/ && sudo ` +
  `udevadm control --reload-rules && sudo udevadm trigger`;
const UDEV_REMEDY = `Install the udev rule: ${UDEV_COMMAND}, then unplug and replug the device.`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why node-hid could not load or list devices, and what fixes it. */
export function explainHidUnavailable(
  error: unknown,
  platform: NodeJS.Platform = process.platform,
): HidProblem {
  const text = message(error);
  if (/libusb-1\.0\.so/.test(text)) {
    return {
      kind: 'libusb',
      reason: 'The USB library libusb is not installed.',
      remedy: 'Install it: sudo apt-get install libusb-1.0-0 (Debian, Ubuntu), then restart the terminal.',
    };
  }
  if (/libudev\.so/.test(text)) {
    return {
      kind: 'libudev',
      reason: 'The device library libudev is not installed.',
      remedy: 'Install it: sudo apt-get install libudev1, then restart the terminal.',
    };
  }
  if (
    /Failed to find binding|No native build|Cannot find module|ERR_MODULE_NOT_FOUND|MODULE_NOT_FOUND/.test(
      text,
    )
  ) {
    return {
      kind: 'missing',
      reason: 'The HID library is missing from this installation.',
      remedy: 'Reinstall ccpos; a packaged build must ship node-hid unbundled with its prebuilt binaries.',
    };
  }
  if (/EACCES|permission denied/i.test(text)) {
    return platform === 'linux'
      ? { kind: 'permission-udev', reason: 'This user may not read HID devices.', remedy: UDEV_REMEDY }
      : {
          kind: 'permission',
          reason: 'This user may not read HID devices.',
          remedy: 'Run the terminal as a user allowed to use USB devices.',
        };
  }
  return {
    kind: 'failed',
    detail: text,
    reason: `The HID library failed: ${text}`,
    remedy: 'Check that the USB stack works (lsusb); scanners in keyboard mode keep working meanwhile.',
  };
}

/**
 * Why one device would not open. On Linux a device that enumerates but will not open is almost always a permission
 * problem.
 */
export function explainOpenFailure(error: unknown, platform: NodeJS.Platform = process.platform): string {
  const text = message(error);
  if (platform === 'linux' && /cannot open|EACCES|permission/i.test(text)) {
    return `cannot open it (${text}); without the udev rule only root can: ${UDEV_REMEDY}`;
  }
  return `cannot open it: ${text}`;
}

/** The problem as a sentence of the screens' catalogue. */
export function hidProblemSaid(problem: Pick<HidProblem, 'kind' | 'detail'>): {
  key: `diag.dev.unavailable.${HidProblemKind}`;
  params: Record<string, string>;
} {
  return {
    key: `diag.dev.unavailable.${problem.kind}`,
    params: { command: UDEV_COMMAND, detail: problem.detail ?? '' },
  };
}
