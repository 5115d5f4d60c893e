// Where the app keeps its data (Electron's userData for an app named "ccpos"), so
// `ccpos` finds the same settings.json without Electron.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'ccpos';

export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}
