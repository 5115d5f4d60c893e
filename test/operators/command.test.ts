import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../electron/cli/command.ts';
import { operatorsCommand } from '../../electron/operators/command.ts';
import { OperatorDirectory } from '../../electron/operators/operators.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';

describe('ccpos operators', () => {
  let dir: string;
  let lines: string[];
  const io = (env: NodeJS.ProcessEnv = {}): CliIO => ({
    out: (l) => lines.push(l),
    err: (l) => lines.push(`ERR ${l}`),
    env: { CCPOS_DATA_DIR: dir, ...env },
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-operators-cli-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a manager whose PIN then signs in at the app, lists and removes', async () => {
    expect(
      await operatorsCommand.run(['add', '--name', 'Jana', '--role', 'manager'], io({ CCPOS_PIN: '482613' })),
    ).toBe(0);
    const directory = new OperatorDirectory(
      new Conf({ cwd: dir, configName: 'operators' }) as KeyValueBackend,
    );
    expect(await directory.signIn('482613')).toMatchObject({
      ok: true,
      operator: { name: 'Jana', role: 'manager' },
    });
    lines = [];
    await operatorsCommand.run(['list'], io());
    expect(lines.join('\n')).toMatch(/manager\s+Jana/);
    expect(lines.join('\n')).not.toContain('482613');
    const id = directory.list()[0]?.id ?? '';
    expect(await operatorsCommand.run(['remove', id], io())).toBe(0);
    expect(await operatorsCommand.run(['remove', id], io())).toBe(1);
  });

  it('refuses a missing or malformed PIN, a bad role and a reused PIN as usage errors', async () => {
    await expect(
      operatorsCommand.run(['add', '--name', 'A', '--role', 'cashier'], io()),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      operatorsCommand.run(['add', '--name', 'A', '--role', 'cashier'], io({ CCPOS_PIN: '12' })),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      operatorsCommand.run(['add', '--name', 'A', '--role', 'owner'], io({ CCPOS_PIN: '1234' })),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      operatorsCommand.run(['add', '--name', 'M', '--role', 'manager'], io({ CCPOS_PIN: '12345' })),
    ).rejects.toThrow(/6 to 8 digits/);
    await operatorsCommand.run(['add', '--name', 'A', '--role', 'cashier'], io({ CCPOS_PIN: '1234' }));
    await expect(
      operatorsCommand.run(['add', '--name', 'B', '--role', 'cashier'], io({ CCPOS_PIN: '1234' })),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(operatorsCommand.run(['dance'], io())).rejects.toBeInstanceOf(UsageError);
  });

  it('lifts the sign-in and manager locks', async () => {
    const directory = new OperatorDirectory(
      new Conf({ cwd: dir, configName: 'operators' }) as KeyValueBackend,
      { policy: { maxAttempts: 1, lockMs: 60_000 } },
    );
    await directory.signIn('0000');
    await directory.checkManager('0000');
    await operatorsCommand.run(['list'], io());
    expect(lines.join('\n')).toMatch(/Sign-in is locked until .*\n.*Manager PINs are locked until/);
    await operatorsCommand.run(['unlock'], io());
    expect(directory.lockedUntil('signin')).toBeNull();
    expect(directory.lockedUntil('manager')).toBeNull();
  });
});
