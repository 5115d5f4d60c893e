// How the terminal comes back after installing an update. Under systemd the unit
// restarts it: the app exits with RESTART_EXIT_CODE and electron-updater starts
// nothing itself (an AppImage it starts early would only lose the single-instance lock
// to the closing terminal). Elsewhere electron-updater starts the new version: deb
// and NSIS after the old one has quit; an AppImage at once, which can lose that race,
// so an AppImage terminal belongs under the systemd unit.
import { RESTART_EXIT_CODE } from './rollback.ts';

export interface InstallRestart {
  /** electron-updater's isForceRunAfter. */
  runAfter: boolean;
  /** The exit status the app quits with once the terminal has closed; null: the normal 0. */
  exitCode: number | null;
}

export function installRestart(env: NodeJS.ProcessEnv): InstallRestart {
  if (env.INVOCATION_ID) return { runAfter: Boolean(env.APPIMAGE), exitCode: RESTART_EXIT_CODE };
  return { runAfter: true, exitCode: null };
}
