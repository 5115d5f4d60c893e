// The sandbox command line, shared by `npm run sandbox` and `ccpos sandbox`.
import { KIOSK_APPLICATION_ID } from './customer-seed.ts';
import { cheatsheet, cheatsheetText } from './cheatsheet.ts';
import { Project } from './project.ts';
import { demo } from './seed.ts';
import { startSandbox, DEFAULT_RATE_LIMIT, type SandboxOptions } from './server.ts';
import { StateFile } from './state-file.ts';
import type { RateLimit } from './tokens.ts';

export const SANDBOX_USAGE =
  'sandbox [--port N] [--control] [--control-port N] [--state FILE] [--strict] ' +
  '[--token-lifetime SECONDS] [--rate-limit PER_SECOND[:BURST]|off] | --cheatsheet [--json]';

/** A mistake in the arguments: one sentence for the user. */
export class SandboxUsageError extends Error {
  override name = 'SandboxUsageError';
}

export interface SandboxArgs {
  port: number;
  control: boolean;
  controlPort: number;
  statePath: string | null;
  strict: boolean;
  tokenLifetimeSeconds: number | null;
  rateLimit: RateLimit | null;
  cheatsheet: boolean;
  json: boolean;
  help: boolean;
}

export function parseSandboxArgs(args: string[]): SandboxArgs {
  const parsed: SandboxArgs = {
    port: 4010,
    control: false,
    controlPort: 0,
    statePath: null,
    strict: false,
    tokenLifetimeSeconds: null,
    rateLimit: DEFAULT_RATE_LIMIT,
    cheatsheet: false,
    json: false,
    help: false,
  };
  const value = (i: number, flag: string) => {
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) throw new SandboxUsageError(`${flag} needs a value.`);
    return next;
  };
  const port = (text: string, flag: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new SandboxUsageError(`${flag} must be a port number from 0 to 65535, not "${text}".`);
    return n;
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    switch (arg) {
      case '--port':
        parsed.port = port(value(i, arg), arg);
        i += 1;
        break;
      case '--control-port':
        parsed.controlPort = port(value(i, arg), arg);
        parsed.control = true;
        i += 1;
        break;
      case '--control':
        parsed.control = true;
        break;
      case '--state':
        parsed.statePath = value(i, arg);
        i += 1;
        break;
      case '--strict':
        parsed.strict = true;
        break;
      case '--token-lifetime': {
        const seconds = Number(value(i, arg));
        if (!Number.isInteger(seconds) || seconds < 1)
          throw new SandboxUsageError('--token-lifetime must be a whole number of seconds.');
        parsed.tokenLifetimeSeconds = seconds;
        i += 1;
        break;
      }
      case '--rate-limit': {
        const text = value(i, arg);
        i += 1;
        if (text === 'off') {
          parsed.rateLimit = null;
          break;
        }
        const m = /^(\d+(?:\.\d+)?)(?::(\d+))?$/.exec(text);
        if (!m || Number(m[1]) <= 0)
          throw new SandboxUsageError('--rate-limit takes PER_SECOND[:BURST] or off, e.g. 20:40.');
        parsed.rateLimit = {
          perSecond: Number(m[1]),
          burst: m[2] ? Math.max(1, Number(m[2])) : Math.max(1, Math.ceil(Number(m[1]) * 2)),
        };
        break;
      }
      case '--cheatsheet':
        parsed.cheatsheet = true;
        break;
      case '--json':
        parsed.json = true;
        break;
      case '--help':
      case '-h':
        parsed.help = true;
        break;
      default:
        throw new SandboxUsageError(`Unknown option "${arg}".`);
    }
  }
  if (parsed.json && !parsed.cheatsheet) throw new SandboxUsageError('--json goes with --cheatsheet.');
  return parsed;
}

export interface SandboxIO {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the command; a server runs until `until` settles (default: SIGINT or SIGTERM). */
export async function runSandboxCli(
  args: string[],
  io: SandboxIO,
  until: Promise<unknown> = termination(),
): Promise<number> {
  const options = parseSandboxArgs(args);
  if (options.help) {
    io.out(`Usage: ${SANDBOX_USAGE}`);
    return 0;
  }
  if (options.cheatsheet) {
    const project = options.statePath ? await new StateFile(options.statePath).load() : new Project();
    const sheet = cheatsheet(project, demo.credentials, null);
    if (options.json) io.out(JSON.stringify(sheet, null, 2));
    else for (const line of cheatsheetText(sheet)) io.out(line);
    return 0;
  }
  const start: SandboxOptions = {
    port: options.port,
    control: options.control,
    controlPort: options.controlPort,
    strict: options.strict,
    rateLimit: options.rateLimit,
  };
  if (options.statePath) start.statePath = options.statePath;
  if (options.tokenLifetimeSeconds !== null) start.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
  let sandbox;
  try {
    sandbox = await startSandbox(start);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new SandboxUsageError(`Port ${options.port} is already in use; pick another with --port.`);
    throw error;
  }
  io.out(`CareCloud sandbox listening`);
  io.out(`  base URL     ${sandbox.baseUrl}`);
  io.out(`  project URL  ${sandbox.projectUrl}`);
  io.out(`  customer API ${sandbox.customerBaseUrl} (kiosk application ${KIOSK_APPLICATION_ID})`);
  if (sandbox.controlUrl) io.out(`  control      ${sandbox.controlUrl}`);
  if (sandbox.controlToken)
    io.out(`  control key  ${sandbox.controlToken} (send as Authorization: Bearer <key>)`);
  if (options.statePath) io.out(`  state file   ${options.statePath}`);
  const c = sandbox.credentials;
  io.out(
    `  login        user_external_application_id=${c.user_external_application_id} ` +
      `login=${c.login} password=${c.password}`,
  );
  io.out(`  demo card    ${demo.cards.regular} (more: --cheatsheet)`);
  await until;
  await sandbox.close();
  io.out('CareCloud sandbox stopped');
  return 0;
}

function termination(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
