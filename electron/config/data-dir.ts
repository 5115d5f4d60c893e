// Where the app keeps its data, so `ccpos` finds the same settings.json without Electron.
// Linux and macOS: Electron's userData for an app named "ccpos". Windows: the local
// (never the roaming) application data, so the journal cannot follow a roaming profile
// to another till and be replayed twice.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'ccpos';

export function defaultDataDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}
