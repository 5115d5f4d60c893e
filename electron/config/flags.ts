// The configuration flags every `ccpos` command accepts, parsed with node:util.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, type ConfigFlags } from './load.ts';

export const CONFIG_FLAG_USAGE =
  '[--project-url URL] [--app-id ID] [--login NAME] [--password-stdin | --password-file ' +
  'FILE] [--data-dir DIR] [--store-id ID] [--cashdesk N] [--language cs|en] [--timezone ZONE]';

export const configOptions = {
  'project-url': { type: 'string' },
  'app-id': { type: 'string' },
  login: { type: 'string' },
  // Only recognised so that its refusal can name the alternatives.
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'password-file': { type: 'string' },
  'data-dir': { type: 'string' },
  'store-id': { type: 'string' },
  cashdesk: { type: 'string' },
  language: { type: 'string' },
  timezone: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const PASSWORD_FLAG_REFUSED =
  '--password is not accepted: every user of this machine can read a command line (ps). ' +
  'Give the password in CARECLOUD_PASSWORD, on standard input with --password-stdin, ' +
  'or in a file only you can read with --password-file FILE.';

export class FlagError extends Error {
  override name = 'FlagError';
}

export interface ParsedCommandLine {
  flags: ConfigFlags;
  positionals: string[];
  /** Boolean switches of the command itself that were given. */
  switches: Set<string>;
}

/** Parses config flags plus the command's own boolean switches; unknown flags are a FlagError. */
export function parseCommandLine(args: string[], switches: readonly string[] = []): ParsedCommandLine {
  const options: NonNullable<ParseArgsConfig['options']> = { ...configOptions };
  for (const name of switches) options[name] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util says e.g. "Unknown option '--x'"; keep its sentence, drop its advice.
    const message = error instanceof Error ? error.message.split('. ')[0]!.replace(/\.$/, '') : String(error);
    throw new FlagError(`${message}.`);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  return {
    flags: configFlagsOf(v),
    positionals: parsed.positionals,
    switches: new Set(switches.filter((name) => v[name] === true)),
  };
}

/** The configuration flags out of a command's parsed options. */
export function configFlagsOf(values: Record<string, unknown>): ConfigFlags {
  if (values.password !== undefined) throw new ConfigError(PASSWORD_FLAG_REFUSED);
  const text = (name: keyof typeof configOptions) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  return {
    projectUrl: text('project-url'),
    appId: text('app-id'),
    login: text('login'),
    passwordStdin: values['password-stdin'] === true,
    passwordFile: text('password-file'),
    dataDir: text('data-dir'),
    storeId: text('store-id'),
    cashdesk: text('cashdesk'),
    language: text('language'),
    timeZone: text('timezone'),
  };
}
