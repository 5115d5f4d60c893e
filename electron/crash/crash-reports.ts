// Crash reports: Electron's crashReporter writes a minidump for every crash of any of
// the app's processes into the data folder's `crashes/`; it uploads them only where
// the settings name an upload address. `ccpos doctor` lists what is kept.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings } from '../../shared/settings.ts';

export const CRASH_FOLDER = 'crashes';

export const crashFolder = (dataDir: string): string => join(dataDir, CRASH_FOLDER);

export interface CrashReporterStart {
  productName: string;
  submitURL: string;
  uploadToServer: boolean;
  compress: boolean;
  globalExtra: Record<string, string>;
}

/**
 * The upload address from settings.json, read before anything else starts; a missing or invalid file uploads nothing.
 */
export function crashUploadUrl(dataDir: string): string {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'settings.json'), 'utf8');
  } catch {
    return '';
  }
  try {
    const parsed = parseSettings(JSON.parse(text));
    return parsed.ok ? parsed.value.crashReports.uploadUrl : '';
  } catch {
    return '';
  }
}

export function crashReporterOptions(uploadUrl: string, version: string): CrashReporterStart {
  return {
    productName: 'ccpos',
    submitURL: uploadUrl,
    uploadToServer: uploadUrl !== '',
    compress: true,
    globalExtra: { version },
  };
}

export interface CrashDump {
  path: string;
  bytes: number;
  modifiedAt: number;
}

/** Every minidump under the folder (Crashpad keeps them in completed/, pending/ or reports/), newest first. */
export function listCrashDumps(folder: string): CrashDump[] {
  let names: string[];
  try {
    names = readdirSync(folder, { recursive: true }) as string[];
  } catch {
    return [];
  }
  const dumps: CrashDump[] = [];
  for (const name of names) {
    if (!name.toLowerCase().endsWith('.dmp')) continue;
    const path = join(folder, name);
    try {
      const stat = statSync(path);
      if (stat.isFile()) dumps.push({ path, bytes: stat.size, modifiedAt: stat.mtimeMs });
    } catch {
      // Removed while listing (an upload finished): not there any more.
    }
  }
  return dumps.sort((a, b) => b.modifiedAt - a.modifiedAt);
}
