// `ccpos` run in-process against a test sandbox, with a data folder of its own: the one set-up
// the CLI tests share.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../electron/cli/main.ts';
import { storeIds } from '../../sandbox/seed.ts';
import { bill } from '../sync/sandbox-terminal.ts';
import type { TestSandbox } from './sandbox.ts';

export interface CcposRun {
  code: number;
  out: string[];
  err: string[];
}

/** The environment that points `ccpos` at the sandbox as the Praha store's desk 2. */
export function sandboxCliEnv(sandbox: TestSandbox, dataDir: string): NodeJS.ProcessEnv {
  return {
    CCPOS_DATA_DIR: dataDir,
    CARECLOUD_PROJECT_URL: sandbox.projectUrl,
    CARECLOUD_APP_ID: sandbox.credentials.user_external_application_id,
    CARECLOUD_LOGIN: sandbox.credentials.login,
    CARECLOUD_PASSWORD: sandbox.credentials.password,
    CCPOS_STORE_ID: storeIds.praha,
    CCPOS_CASHDESK: '2',
    CCPOS_TIMEZONE: 'Europe/Prague',
  };
}

export async function runCcpos(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CcposRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

/** A bill file as the till would hand `ccpos checkout`, written into `dir`. */
export function writeBillFile(dir: string, options?: Parameters<typeof bill>[0]): string {
  const { customerId, cardNumber, bill: closed } = bill(options);
  const file = join(dir, `bill-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ customer_id: customerId, card_number: cardNumber, bill: closed }));
  return file;
}

/** The value of a `name value` line of ccpos's output. */
export const outputField = (lines: string[], name: string): string | undefined =>
  lines
    .find((l) => l.startsWith(name))
    ?.slice(name.length)
    .trim();
