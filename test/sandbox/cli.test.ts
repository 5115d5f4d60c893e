import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cheatsheet } from '../../sandbox/cheatsheet.ts';
import { parseSandboxArgs, runSandboxCli, SandboxUsageError } from '../../sandbox/cli-run.ts';
import { demo } from '../../sandbox/seed.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { reasons, sendPurchase } from './bills.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccpos-sandbox-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(
  command: string[],
  timeoutMs = 20_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function login(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/users/actions/login`, {
    method: 'POST',
    body: JSON.stringify(demo.credentials),
  });
  return ((await res.json()) as { data: { bearer_token: string } }).data.bearer_token;
}

describe('arguments', () => {
  it('reads every flag', () => {
    expect(parseSandboxArgs([])).toMatchObject({
      port: 4010,
      control: false,
      statePath: null,
      cheatsheet: false,
    });
    expect(
      parseSandboxArgs([
        '--port',
        '0',
        '--control',
        '--state',
        'x.json',
        '--strict',
        '--token-lifetime',
        '5',
        '--rate-limit',
        '20:40',
      ]),
    ).toMatchObject({
      port: 0,
      control: true,
      statePath: 'x.json',
      strict: true,
      tokenLifetimeSeconds: 5,
      rateLimit: { perSecond: 20, burst: 40 },
    });
    expect(parseSandboxArgs(['--rate-limit', 'off']).rateLimit).toBeNull();
    expect(parseSandboxArgs(['--control-port', '4011'])).toMatchObject({ control: true, controlPort: 4011 });
    expect(parseSandboxArgs(['--cheatsheet', '--json'])).toMatchObject({ cheatsheet: true, json: true });
  });

  it.each([
    [['--port', 'x'], '--port must be a port number'],
    [['--port'], '--port needs a value'],
    [['--port', '70000'], '--port must be a port number'],
    [['--json'], '--json goes with --cheatsheet'],
    [['--rate-limit', 'fast'], '--rate-limit takes'],
    [['--token-lifetime', '0'], '--token-lifetime must be'],
    [['--verbose'], 'Unknown option "--verbose"'],
  ])('refuses %j', (args, message) => {
    expect(() => parseSandboxArgs(args)).toThrow(SandboxUsageError);
    expect(() => parseSandboxArgs(args)).toThrow(message);
  });
});

describe('running', () => {
  it('prints the base URL and demo credentials, serves until stopped', async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = runSandboxCli(
      ['--port', '0', '--control'],
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      stopped,
    );
    await expect.poll(() => lines.some((l) => l.includes('base URL'))).toBe(true);
    const baseUrl = /base URL\s+(\S+)/.exec(lines.join('\n'))![1]!;
    expect(lines.join('\n')).toContain('password=demo-password');
    expect(lines.join('\n')).toMatch(/control\s+http:\/\/127\.0\.0\.1:\d+\/__sandbox/);
    const token = await login(baseUrl);
    const cards = await fetch(`${baseUrl}/cards?card_number=${demo.cards.regular}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(cards.status).toBe(200);
    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${baseUrl}/tests/connection`)).rejects.toThrow();
  });

  it('refuses a port in use with a sentence', async () => {
    const taken = await startSandbox();
    try {
      await expect(
        runSandboxCli(['--port', String(taken.port)], { out: () => {}, err: () => {} }, Promise.resolve()),
      ).rejects.toThrow(`Port ${taken.port} is already in use`);
    } finally {
      await taken.close();
    }
  });

  it('runs as npm run sandbox: prints, serves, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await expect.poll(() => /base URL\s+(\S+)/.test(stdout), { timeout: 15_000 }).toBe(true);
      const baseUrl = /base URL\s+(\S+)/.exec(stdout)![1]!;
      expect((await fetch(`${baseUrl}/tests/connection?test_string=up`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('CareCloud sandbox stopped');
  });
});

describe('cheat sheet', () => {
  it('prints as JSON through ccpos sandbox', async () => {
    const result = await run(['bin/ccpos.js', 'sandbox', '--cheatsheet', '--json']);
    expect(result.code).toBe(0);
    const sheet = JSON.parse(result.stdout) as Cheatsheet;
    expect(sheet.credentials).toEqual(demo.credentials);
    expect(sheet.cards.find((c) => c.card_number === demo.cards.blocked)?.shows).toContain('card_is_blocked');
    expect(sheet.vouchers.map((v) => v.code)).toEqual(expect.arrayContaining(Object.values(demo.vouchers)));
    expect(sheet.stores.find((s) => s.code === 'PRG01')?.cash_desks).toEqual([1, 2, 3]);
  });

  it('prints as text, and ccpos turns a bad flag into a usage error', async () => {
    const lines: string[] = [];
    expect(await runSandboxCli(['--cheatsheet'], { out: (l) => lines.push(l), err: () => {} })).toBe(0);
    expect(lines.join('\n')).toContain(demo.vouchers.happyHour);
    expect(lines.join('\n')).toContain('Jana Nováková');
    const bad = await run(['bin/ccpos.js', 'sandbox', '--port', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a port number');
  });
});

describe('state file', () => {
  it('keeps the project across restarts', async () => {
    const statePath = join(dir, 'state.json');
    const first = await startSandbox({ statePath });
    const body = JSON.stringify(
      sendPurchase('KEEP-1', [{ price: 100 }], { card_number: demo.cards.regular }),
    );
    const send = async (baseUrl: string) =>
      fetch(`${baseUrl}/purchases/actions/send-purchase`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await login(baseUrl)}` },
        body,
      });
    expect((await send(first.baseUrl)).status).toBe(201);
    await first.close();

    const second = await startSandbox({ statePath });
    try {
      const again = await send(second.baseUrl);
      expect(reasons(await again.json())).toEqual(['bill_id:already_exists']);
    } finally {
      await second.close();
    }
    const lines: string[] = [];
    await runSandboxCli(['--cheatsheet', '--json', '--state', statePath], {
      out: (l) => lines.push(l),
      err: () => {},
    });
    const sheet = JSON.parse(lines.join('\n')) as Cheatsheet;
    expect(sheet.cards.find((c) => c.card_number === demo.cards.regular)?.points).toBe(1317);
  });

  it('refuses a state file that is not one, saying which', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"version":1,"customers":"nope"}');
    await expect(startSandbox({ statePath: broken })).rejects.toThrow(
      /broken\.json: the state file is not a sandbox state/,
    );
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, 'hello');
    await expect(startSandbox({ statePath: notJson })).rejects.toThrow(/not JSON/);
  });
});
