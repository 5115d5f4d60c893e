// The CareCloud password never rides on `ccpos`'s command line, where every local user
// reads it (ps, /proc/PID/cmdline): standard input, a 0600 file or the environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { tempDir } from '../journal/helpers.ts';
import { storeIds } from '../../sandbox/seed.ts';
import { runCcpos } from './support/ccpos-process.ts';

let sandbox: TestSandbox;
let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  temp = tempDir();
  env = {
    CCPOS_DATA_DIR: temp.dir,
    CARECLOUD_PROJECT_URL: sandbox.projectUrl,
    CARECLOUD_APP_ID: sandbox.credentials.user_external_application_id,
    CARECLOUD_LOGIN: sandbox.credentials.login,
    CCPOS_STORE_ID: storeIds.praha,
    CCPOS_TIMEZONE: 'Europe/Prague',
  };
});
afterAll(async () => {
  await sandbox.close();
  temp.cleanup();
});

describe('the CareCloud password on the command line', () => {
  it('refuses --password, naming the ways that do not show in ps, before logging in', async () => {
    const run = await runCcpos(['replay', '--password', sandbox.credentials.password], env);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--password is not accepted');
    expect(run.err).toContain('--password-stdin');
    expect(run.err).toContain('--password-file');
    expect(run.err).toContain('CARECLOUD_PASSWORD');
  });

  it('reads it from standard input and logs in with it', async () => {
    const run = await runCcpos(['doctor', '--password-stdin'], env, `${sandbox.credentials.password}\n`);
    expect(run.out).toMatch(/login/i);
    expect(run.code).toBe(0);
    const wrong = await runCcpos(['doctor', '--password-stdin'], env, 'not-the-password\n');
    expect(wrong.code).toBe(1);
  });

  it('reads it from a file only its owner can read, and refuses one that others can', async () => {
    const file = join(temp.dir, 'carecloud-password');
    writeFileSync(file, `${sandbox.credentials.password}\n`);
    chmodSync(file, 0o644);
    const open = await runCcpos(['replay', '--password-file', file], env);
    expect(open.code).toBe(2);
    expect(open.err).toContain(
      `The password file ${file} can be read by other users (mode 0644): run chmod 600 ${file}.`,
    );
    chmodSync(file, 0o600);
    const closed = await runCcpos(['replay', '--password-file', file], env);
    expect(closed.err).toBe('');
    expect(closed.code).toBe(0);
  });

  it('still takes it from the environment', async () => {
    const run = await runCcpos(['replay'], { ...env, CARECLOUD_PASSWORD: sandbox.credentials.password });
    expect(run.code).toBe(0);
  });
});
