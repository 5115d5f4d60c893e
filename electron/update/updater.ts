// electron-updater set up for this terminal: the shop's generic HTTPS server and the
// channel from the settings, our staged-rollout place instead of its random id, no
// version that already failed here, and never an install on quit behind our back
// (the update service picks the idle moment).
import type { AppUpdater, UpdateInfo } from 'electron-updater';
import type { UpdateFeed } from './feed.ts';
import { inRollout } from './rollout.ts';

export interface UpdaterPolicy {
  /** This terminal's stable id (the rollout place). */
  terminalId: string;
  /** False for a version that failed to start here before. */
  mayOffer(version: string): boolean;
}

export function configureUpdater(updater: AppUpdater, feed: UpdateFeed, policy: UpdaterPolicy): void {
  updater.setFeedURL({ provider: 'generic', url: feed.baseUrl, channel: feed.channel });
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  // A terminal moved from pilot back to stable waits for stable to catch up instead of downgrading.
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.isUserWithinRollout = (info: UpdateInfo) =>
    inRollout(policy.terminalId, info.stagingPercentage) && policy.mayOffer(info.version);
}
