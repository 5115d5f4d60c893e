// `ccpos lookup` by phone against the sandbox, which matches phones as CareCloud does:
// digits with the international prefix, no "+".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { customerId, storeIds } from '../../sandbox/seed.ts';
import { tempDir } from '../journal/helpers.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

let sandbox: TestSandbox;
let temp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  temp = tempDir();
});
afterAll(async () => {
  temp?.cleanup();
  await sandbox?.close();
});

async function lookup(text: string, storeId: string = storeIds.praha) {
  const out: string[] = [];
  const err: string[] = [];
  const env = {
    CCPOS_DATA_DIR: temp.dir,
    CARECLOUD_PROJECT_URL: sandbox.projectUrl,
    CARECLOUD_APP_ID: sandbox.credentials.user_external_application_id,
    CARECLOUD_LOGIN: sandbox.credentials.login,
    CARECLOUD_PASSWORD: sandbox.credentials.password,
    CCPOS_STORE_ID: storeId,
    CCPOS_TIMEZONE: 'Europe/Prague',
  };
  const code = await main(['lookup', text], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
  });
  return { code, out, err };
}

describe('ccpos lookup by phone', () => {
  it('finds the customer of +420601000001 (CareCloud keeps 420601000001)', async () => {
    const run = await lookup('+420601000001');
    expect(run.code).toBe(0);
    expect(run.out[0]).toContain(`(${customerId(1)})`);
  });

  it("finds a local nine-digit number with the store country's prefix", async () => {
    const run = await lookup('601 000 001');
    expect(run.code).toBe(0);
    expect(run.out[0]).toContain(`(${customerId(1)})`);
  });
});
