// Which update feed this terminal reads: the shop's server, the channel's file for this
// platform. electron-updater names the files; `feedFile` says the same so support can
// open the exact address (the feed test checks both agree).
import type { UpdateSettings } from '../../shared/settings.ts';

export type UpdateChannel = UpdateSettings['channel'];

/** electron-builder publishes stable releases as "latest". */
export function updaterChannel(channel: UpdateChannel): 'latest' | 'pilot' {
  return channel === 'stable' ? 'latest' : channel;
}

/** `latest.yml` on Windows, `pilot-linux.yml` on Linux, with the architecture for ARM Linux. */
export function feedFile(channel: UpdateChannel, platform: NodeJS.Platform, arch: string): string {
  const name = updaterChannel(channel);
  if (platform === 'win32') return `${name}.yml`;
  if (platform === 'darwin') return `${name}-mac.yml`;
  const suffix = arch === 'x64' || arch === 'ia32' ? '' : `-${arch}`;
  return `${name}-linux${suffix}.yml`;
}

export interface UpdateFeed {
  /** The folder the shop's server publishes into, without a trailing slash. */
  baseUrl: string;
  channel: 'latest' | 'pilot';
  /** The full address electron-updater reads. */
  url: string;
}

/** Null when no server is configured: the terminal then never updates itself. */
export function updateFeed(
  settings: UpdateSettings,
  platform: NodeJS.Platform,
  arch: string,
): UpdateFeed | null {
  if (settings.url === '') return null;
  return {
    baseUrl: settings.url,
    channel: updaterChannel(settings.channel),
    url: `${settings.url}/${feedFile(settings.channel, platform, arch)}`,
  };
}
