// `ccpos doctor` device check: the HID devices this computer shows, whether each matches the
// configuration, and why HID input is unavailable when it is (what to install, which udev rule).
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import {
  DEFAULT_INPUT_SETTINGS,
  inputSettingsSchema,
  type InputSettings,
} from '../../shared/input/settings.ts';
import { UDEV_RULE_PATH, explainHidUnavailable, hidProblemSaid, type HidProblem } from '../hid/explain.ts';
import { hex4, matchDevice, whyNotMatched, type DeviceMatch } from '../hid/matching.ts';
import { loadNodeHid } from '../hid/node-hid-transport.ts';
import type { HidDeviceInfo, HidTransportLoader } from '../hid/transport.ts';
import { pass, say, skip, warn, type CheckOutcome, type DoctorCheck, type Said } from './check.ts';

export interface SeenDevice {
  info: HidDeviceInfo;
  match: DeviceMatch | null;
  /** Why it is not read, when it is not. */
  why: string | null;
  /** Whether this user may open it; null where that cannot be told from the outside. */
  accessible: boolean | null;
}

export type DeviceInspection =
  | { state: 'off' }
  | { state: 'unavailable'; problem: HidProblem }
  | { state: 'available'; backend: string; seen: SeenDevice[]; missing: string[] };

export interface InspectOptions {
  loader?: HidTransportLoader;
  platform?: NodeJS.Platform;
  canOpen?: (path: string) => Promise<boolean | null>;
}

/** hidraw nodes are plain files: read and write permission is what opening needs. */
async function canOpenHidraw(path: string): Promise<boolean | null> {
  if (!path.startsWith('/dev/hidraw')) return null;
  try {
    await access(path, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function inspectDevices(
  settings: InputSettings,
  options: InspectOptions = {},
): Promise<DeviceInspection> {
  if (!settings.devices.enabled) return { state: 'off' };
  const platform = options.platform ?? process.platform;
  const canOpen = options.canOpen ?? (platform === 'linux' ? canOpenHidraw : async () => null);
  let devices: HidDeviceInfo[];
  let backend: string;
  try {
    const transport = await (options.loader ?? loadNodeHid)();
    backend = transport.backend;
    devices = await transport.enumerate();
  } catch (error) {
    return { state: 'unavailable', problem: explainHidUnavailable(error, platform) };
  }
  const seen: SeenDevice[] = [];
  for (const info of devices) {
    const match = matchDevice(info, settings.devices);
    seen.push({
      info,
      match,
      why: match ? null : whyNotMatched(info, settings.devices),
      accessible: match ? await canOpen(info.path) : null,
    });
  }
  const found = new Set(seen.flatMap((s) => (s.match?.configured ? [s.match.name] : [])));
  const missing = settings.devices.configured.map((c) => c.name).filter((name) => !found.has(name));
  return { state: 'available', backend, seen, missing };
}

function describe({ info, match, why, accessible }: SeenDevice): string {
  const usage =
    info.usagePage === null
      ? ''
      : ` usage 0x${info.usagePage.toString(16)}/0x${(info.usage ?? 0).toString(16)}`;
  const label =
    `${hex4(info.vendorId)}:${hex4(info.productId)}${info.product ? ` "${info.product}"` : ''}${usage} ` +
    `at ${info.path}`;
  if (!match) return `${label}: not read, ${why}`;
  const access = accessible === false ? ', but this user may not open it' : '';
  return `${label}: read as ${match.kind} "${match.name}"${match.configured ? '' : ' (found automatically)'}${access}`;
}

export function deviceCheckOutcome(inspection: DeviceInspection): CheckOutcome {
  if (inspection.state === 'off')
    return skip(
      'HID devices are turned off in the settings; scanners work as keyboards only',
      say('diag.dev.off'),
    );
  if (inspection.state === 'unavailable') {
    return warn(
      `${inspection.problem.reason} Scanners in keyboard mode still work. ${inspection.problem.remedy}`,
      hidProblemSaid(inspection.problem),
    );
  }
  const { backend, seen, missing } = inspection;
  const read = seen.filter((s) => s.match);
  const lines = seen.map(describe);
  const problems: string[] = [];
  const said: Said[] = [say('diag.dev.found', { backend, count: seen.length, read: read.length })];
  if (read.some((s) => s.accessible === false)) {
    problems.push(`Install the udev rule ${UDEV_RULE_PATH} (see README) so this user can open the devices.`);
    said.push(say('diag.dev.udev', { path: UDEV_RULE_PATH }));
  }
  for (const name of missing) {
    problems.push(`Configured device "${name}" is not plugged in or does not match.`);
    said.push(say('diag.dev.missing', { name }));
  }
  const summary = `${backend}: ${seen.length} HID device${seen.length === 1 ? '' : 's'}, ${read.length} read`;
  const detail = [summary, ...lines, ...problems].join('; ');
  return problems.length > 0 ? warn(detail, ...said) : pass(detail, ...said);
}

/** Reads device settings from the terminal settings when they carry them, else the defaults. */
function inputSettingsOf(settings: object): InputSettings {
  if (!('input' in settings)) return DEFAULT_INPUT_SETTINGS;
  const parsed = inputSettingsSchema.safeParse(settings.input);
  return parsed.success ? parsed.data : DEFAULT_INPUT_SETTINGS;
}

export function createDevicesCheck(options: InspectOptions = {}): DoctorCheck {
  return {
    id: 'devices',
    title: 'Scanners and card readers',
    async run(context) {
      return deviceCheckOutcome(await inspectDevices(inputSettingsOf(context.settings), options));
    },
  };
}

export const devicesCheck = createDevicesCheck();
