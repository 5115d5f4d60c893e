import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, json } from '../support/loopback.ts';
import { ccpos, login, PASSWORD, world, type CliWorld } from './fixture.ts';

let w: CliWorld;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

describe('ccpos doctor', () => {
  it('passes every check against a healthy CareCloud and exits 0', async () => {
    const run = await ccpos(['doctor'], w.env);
    expect(run.err).toEqual([]);
    expect(run.out).toHaveLength(8);
    expect(run.out.slice(0, 4).map((line) => line.split(/\s+/)[0])).toEqual(['ok', 'ok', 'ok', 'ok']);
    // The device line depends on this machine's USB stack: ok, or warn when libusb is missing.
    expect(run.out[4]).toMatch(/^(ok|warn)\s+Scanners and card readers/);
    expect(run.out.join('\n')).toContain('Time zone and clock');
    expect(run.out[6]).toMatch(/^skip\s+Password key storage/);
    expect(run.out[7]).toMatch(
      /^ok\s+Crash reports\s+no crash dumps in .*crashes \(kept on this terminal only\)$/,
    );
    expect(run.code).toBe(0);
    expect(w.server.count('POST', '/users/actions/logout')).toBe(1);
    const log = readFileSync(join(w.dataDir, 'logs', 'ccpos-cli.log'), 'utf8');
    expect(log).toContain('"path":"/users/actions/login"');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain('cli-token');
  });

  it('lists crash dumps kept in the data folder, as a warning that does not fail the run', async () => {
    // As the app leaves them: private, like everything in the data folder.
    mkdirSync(join(w.dataDir, 'crashes', 'completed'), { recursive: true, mode: 0o700 });
    writeFileSync(join(w.dataDir, 'crashes', 'completed', 'd41d8cd9.dmp'), Buffer.alloc(4096), {
      mode: 0o600,
    });
    const run = await ccpos(['doctor'], w.env);
    expect(run.out[7]).toMatch(
      /^warn\s+Crash reports\s+1 in the last 7 days\. 1 crash dump \(kept on this terminal only\): .*d41d8cd9\.dmp/,
    );
    expect(run.code).toBe(0);
  });

  it('exits 2 with a failed configuration line when the project is not configured', async () => {
    const run = await ccpos(['doctor'], { ...w.env, CARECLOUD_PROJECT_URL: '' });
    expect(run.code).toBe(2);
    expect(run.out[0]).toMatch(
      /^FAIL\s+Configuration\s+CareCloud is not configured: set CARECLOUD_PROJECT_URL \(or --project-url\)\.$/,
    );
    expect(run.out.slice(1, 4).every((line) => line.startsWith('skip'))).toBe(true);
    expect(w.server.requests).toHaveLength(0);
  });

  it('exits 2 with one sentence on a bad value, naming where it came from', async () => {
    const run = await ccpos(['doctor'], { ...w.env, CCPOS_CASHDESK: 'first' });
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/cashdeskNumber.*CCPOS_CASHDESK/);
    const zone = await ccpos(['doctor', '--timezone', 'Mars/Olympus'], w.env);
    expect(zone.code).toBe(2);
    expect(zone.err[0]).toMatch(/timeZone.*--timezone/);
  });

  it('exits 2 when the settings file is not JSON, and on an unknown flag', async () => {
    writeFileSync(join(w.dataDir, 'settings.json'), '{ "projectUrl": ');
    const broken = await ccpos(['doctor'], w.env);
    expect(broken.code).toBe(2);
    expect(broken.err).toEqual([
      `Cannot read the settings file ${join(w.dataDir, 'settings.json')}: it is not valid JSON.`,
    ]);
    const unknown = await ccpos(['doctor', '--colour'], w.env);
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/Unknown option '--colour'/);
  });

  it('exits 1 when CareCloud cannot be reached', async () => {
    const run = await ccpos(['doctor'], {
      ...w.env,
      CARECLOUD_PROJECT_URL: `http://127.0.0.1:${await closedPort()}`,
    });
    expect(run.code).toBe(1);
    expect(run.out[1]).toMatch(
      /^FAIL\s+CareCloud reachable\s+CareCloud cannot be reached \(connection refused\)/,
    );
    expect(run.out[2]).toMatch(/^skip\s+Login/);
  });

  it('exits 1 when CareCloud refuses the login', async () => {
    w.server.on(
      'POST',
      '/users/actions/login',
      json(403, {
        error: {
          type: 't',
          exception: 'forbidden_exception',
          title: 'Forbidden',
          detail: 'Invalid credentials',
        },
      }),
    );
    const run = await ccpos(['doctor'], w.env);
    expect(run.code).toBe(1);
    expect(run.out[2]).toMatch(/^FAIL\s+Login\s+CareCloud refused the login: Invalid credentials/);
    expect(run.out[3]).toMatch(/^skip/);
  });

  it('exits 1 when valid_to, read in the configured zone, is already past', async () => {
    // The project answers in New York time; the terminal believes it is in Tokyo.
    w.server.on('POST', '/users/actions/login', login(3600_000, 'America/New_York'));
    const run = await ccpos(['doctor', '--timezone', 'Asia/Tokyo'], w.env);
    expect(run.code).toBe(1);
    expect(run.out[3]).toMatch(/^FAIL\s+Time zone and clock\s+.*already past in Asia\/Tokyo/);
  });

  it('reads the settings file the app writes, with the environment and flags on top', async () => {
    writeFileSync(
      join(w.dataDir, 'settings.json'),
      JSON.stringify({
        projectUrl: 'https://wrong.example.com',
        externalApplicationId: 'app-1',
        login: 'pos',
        timeZone: 'Europe/Prague',
        passwordCiphertext: 'xyz',
        schemaVersion: 2,
      }),
      // As the app writes it: only its owner may read it.
      { mode: 0o600 },
    );
    const env = {
      CCPOS_DATA_DIR: w.dataDir,
      CARECLOUD_PASSWORD: PASSWORD,
      CARECLOUD_PROJECT_URL: 'https://also-wrong.example.com',
    };
    const run = await ccpos(['doctor', '--project-url', w.server.origin], env);
    expect(run.code).toBe(0);
    expect(run.out[0]).toContain(w.server.origin);
  });
});

describe('doctor checks as a list', () => {
  it('runs an added check in order, turns a throwing check into a failed line, and skips dependants', async () => {
    const { doctorChecks, runDoctor, needs, pass } = await import('../../electron/diagnostics/index.ts');
    const { defaultSettings } = await import('../../shared/settings.ts');
    const checks = [
      ...doctorChecks.slice(0, 1),
      {
        id: 'devices',
        title: 'Scanners',
        run: async () => {
          throw new Error('HID stack missing');
        },
      },
      {
        id: 'after',
        title: 'After devices',
        run: async (context: Parameters<typeof needs>[0]) => needs(context, 'devices') ?? pass('fine'),
      },
    ];
    const report = await runDoctor(
      {
        settings: defaultSettings,
        configProblems: [],
        client: () => {
          throw new Error('not needed');
        },
        now: Date.now,
      },
      checks,
    );
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['configuration', 'pass'],
      ['devices', 'fail'],
      ['after', 'skip'],
    ]);
    expect(report.checks[1]!.detail).toBe('HID stack missing');
  });
});
