// Settings for `ccpos`: the settings.json the app writes in the data directory, then
// the environment, then command-line flags, each overriding the one before. Every
// problem becomes one ConfigError sentence; nothing here prints or exits.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { parseSettings, type TerminalSettings } from '../../shared/settings.ts';
import { defaultDataDir } from './data-dir.ts';
import { ensurePrivateDir, privateStoreOptions } from './file-modes.ts';
import { readKeyStorage, type KeyStorage } from '../settings/key-storage.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Values given on the command line; absent ones fall through to the environment and the file. */
export interface ConfigFlags {
  projectUrl?: string;
  appId?: string;
  login?: string;
  /** Read the password from standard input (its first line). */
  passwordStdin?: boolean;
  /** Read the password from this file's first line; refused when others may read it. */
  passwordFile?: string;
  dataDir?: string;
  storeId?: string;
  cashdesk?: string;
  language?: string;
  timeZone?: string;
}

export interface CliConfig {
  settings: TerminalSettings;
  /** Empty when neither --password-stdin, --password-file nor CARECLOUD_PASSWORD gave one. */
  password: string;
  dataDir: string;
  settingsFile: string;
  /** Where the app keeps the password's key, as it recorded at its last start. */
  keyStorage: KeyStorage;
}

type Field =
  'projectUrl' | 'externalApplicationId' | 'login' | 'storeId' | 'cashdeskNumber' | 'language' | 'timeZone';

const OVERRIDES: {
  field: Field;
  env: string;
  flag: 'projectUrl' | 'appId' | 'login' | 'storeId' | 'cashdesk' | 'language' | 'timeZone';
  option: string;
}[] = [
  { field: 'projectUrl', env: 'CARECLOUD_PROJECT_URL', flag: 'projectUrl', option: '--project-url' },
  { field: 'externalApplicationId', env: 'CARECLOUD_APP_ID', flag: 'appId', option: '--app-id' },
  { field: 'login', env: 'CARECLOUD_LOGIN', flag: 'login', option: '--login' },
  { field: 'storeId', env: 'CCPOS_STORE_ID', flag: 'storeId', option: '--store-id' },
  { field: 'cashdeskNumber', env: 'CCPOS_CASHDESK', flag: 'cashdesk', option: '--cashdesk' },
  { field: 'language', env: 'CCPOS_LANGUAGE', flag: 'language', option: '--language' },
  { field: 'timeZone', env: 'CCPOS_TIMEZONE', flag: 'timeZone', option: '--timezone' },
];

const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function readSettingsFile(dataDir: string): Record<string, unknown> {
  try {
    // conf creates a missing folder with the umask's mode; the data folder is private.
    ensurePrivateDir(dataDir);
    return {
      ...new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', ...privateStoreOptions })
        .store,
    };
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? 'it is not valid JSON'
        : error instanceof Error
          ? error.message
          : String(error);
    throw new ConfigError(`Cannot read the settings file ${join(dataDir, 'settings.json')}: ${reason}.`);
  }
}

const readProcessStdin = (): string => readFileSync(0, 'utf8');

function firstLine(text: string): string {
  return (text.split(/\r?\n/, 1)[0] ?? '').trim();
}

/** The password from --password-stdin or --password-file, undefined when neither was given. */
function passwordFromFlags(flags: ConfigFlags, readStdin: () => string): string | undefined {
  if (flags.passwordStdin && flags.passwordFile !== undefined) {
    throw new ConfigError(
      'Give the password either with --password-stdin or with --password-file, not both.',
    );
  }
  if (flags.passwordStdin) {
    const password = firstLine(readStdin());
    if (password === '')
      throw new ConfigError(
        '--password-stdin read no password: pipe it in, for example: ccpos doctor --password-stdin < FILE.',
      );
    return password;
  }
  if (flags.passwordFile === undefined) return undefined;
  const file = flags.passwordFile;
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new ConfigError(`The password file ${file} is not a file.`);
    mode = stat.mode & 0o777;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `Cannot read the password file ${file}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  // Windows has no such modes; there the folder's ACLs protect the file.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ConfigError(
      `The password file ${file} can be read by other users (mode ` +
        `${mode.toString(8).padStart(4, '0')}): run chmod 600 ${file}.`,
    );
  }
  const password = firstLine(readFileSync(file, 'utf8'));
  if (password === '') throw new ConfigError(`The password file ${file} is empty.`);
  return password;
}

export function loadConfig(
  env: NodeJS.ProcessEnv,
  flags: ConfigFlags = {},
  readStdin: () => string = readProcessStdin,
): CliConfig {
  const dataDir = flags.dataDir ?? (given(env.CCPOS_DATA_DIR) ? env.CCPOS_DATA_DIR : defaultDataDir(env));
  const raw = readSettingsFile(dataDir);
  const keyStorage = readKeyStorage((key) => raw[key]);
  const sources: Partial<Record<Field, string>> = {};
  for (const { field, env: name, flag, option } of OVERRIDES) {
    const fromFlag = flags[flag];
    const value = given(fromFlag) ? fromFlag : given(env[name]) ? env[name] : undefined;
    if (value === undefined) continue;
    sources[field] = given(fromFlag) ? option : name;
    // The cash desk comes in as text; a non-number is left as text so validation names it.
    raw[field] = field === 'cashdeskNumber' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
  }
  const parsed = parseSettings(raw);
  if (!parsed.ok) {
    const field = /^Setting "([^".]+)/.exec(parsed.error)?.[1] as Field | undefined;
    const source = field ? sources[field] : undefined;
    throw new ConfigError(
      source
        ? `${parsed.error.replace(/\.$/, '')} (from ${source}).`
        : `${parsed.error.replace(/\.$/, '')} (in ${join(dataDir, 'settings.json')}).`,
    );
  }
  const password =
    passwordFromFlags(flags, readStdin) ?? (given(env.CARECLOUD_PASSWORD) ? env.CARECLOUD_PASSWORD : '');
  return {
    settings: parsed.value,
    password,
    dataDir,
    settingsFile: join(dataDir, 'settings.json'),
    keyStorage,
  };
}

/** What is still missing before CareCloud can be called, as one sentence each. */
export function missingForCareCloud(config: CliConfig): string[] {
  const s = config.settings;
  const missing: string[] = [];
  if (s.projectUrl === '')
    missing.push('No CareCloud project is configured: set CARECLOUD_PROJECT_URL or --project-url.');
  if (s.externalApplicationId === '')
    missing.push('No external application id: set CARECLOUD_APP_ID or --app-id.');
  if (s.login === '') missing.push('No CareCloud login: set CARECLOUD_LOGIN or --login.');
  if (config.password === '')
    missing.push(
      'No CareCloud password: set CARECLOUD_PASSWORD (or use --password-stdin or --password-file FILE).',
    );
  return missing;
}

/** Everything still missing as one sentence, or null when CareCloud can be called. */
export function missingSentence(config: CliConfig): string | null {
  const s = config.settings;
  const missing = [
    s.projectUrl === '' ? 'CARECLOUD_PROJECT_URL (or --project-url)' : null,
    s.externalApplicationId === '' ? 'CARECLOUD_APP_ID (or --app-id)' : null,
    s.login === '' ? 'CARECLOUD_LOGIN (or --login)' : null,
    config.password === '' ? 'CARECLOUD_PASSWORD (or --password-stdin or --password-file)' : null,
  ].filter((item): item is string => item !== null);
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `CareCloud is not configured: set ${list}.`;
}
