// electron-builder.yml against electron-builder's own JSON schema, and the files it
// ships: what the app reads at run time, the deb's system files and their scripts,
// the watchdogs. The unpacked app is built only where an Electron binary exists.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  cpSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface BuilderConfig {
  productName: string;
  executableName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  linux: { target: string[] };
  deb: { afterInstall: string; afterRemove: string; depends: string[] };
  win: { target: string[] };
  nsis: { perMachine: boolean; oneClick: boolean };
  publish: { provider: string; url: string; channel: string }[];
}

const config = parse(read('electron-builder.yml')) as BuilderConfig;
const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The deb scripts' macros as electron-builder fills them in; any other `${name}` makes its build fail. */
function fillMacros(script: string): string {
  const macros: Record<string, string> = {
    executable: config.executableName,
    sanitizedProductName: config.productName,
  };
  return script.replace(/\$\{([a-zA-Z]+)\}/g, (_, name: string) => {
    if (!(name in macros)) throw new Error(`electron-builder does not define the macro ${name}`);
    return macros[name]!;
  });
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it("matches electron-builder's schema, and the check catches a wrong option", () => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } })).toBe(false);
    expect(validate({ ...config, linux: { ...config.linux, kiosk: true } })).toBe(false);
  });

  it('builds an AppImage and a deb for Linux and a per-machine NSIS installer for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    // app-update.yml and the latest*.yml feeds; the real server comes from the settings.
    expect(config.publish).toEqual([
      { provider: 'generic', url: 'https://updates.invalid/ccpos', channel: 'latest' },
    ]);
    // node-hid loads libusb and libudev at run time (docs: HID notes).
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libusb-1.0-0', 'libudev1']));
  });

  it('ships every file the main process reads beside its bundle', () => {
    // Resource files the sources open through import.meta.url, e.g. the demo catalogue.
    const referenced = new Set<string>();
    const sources = ['electron', 'sandbox'].flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, f)),
    );
    for (const file of sources)
      for (const match of read(file).matchAll(/new URL\('(?:\.\.\/)+(resources\/[^']+)'/g))
        referenced.add(match[1]!);
    expect([...referenced].sort()).toEqual(
      expect.arrayContaining([
        'resources/catalogue/demo-products.json',
        'resources/carecloud/openapi.trimmed.json',
      ]),
    );
    for (const path of referenced) {
      expect(existsSync(join(root, path)), path).toBe(true);
      expect(
        config.files.some((pattern) => pattern.endsWith('/**') && path.startsWith(pattern.slice(0, -2))),
        `${path} is not in files`,
      ).toBe(true);
    }
    expect(config.files).toContain('out/**');
  });

  it('puts the udev rule, the systemd unit, the kiosk session and the Windows watchdog beside the app', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources/udev', to: 'udev' },
      { from: 'resources/linux', to: 'linux' },
      { from: 'resources/windows', to: 'windows' },
    ]);
    for (const { from } of config.extraResources) expect(statSync(join(root, from)).isDirectory()).toBe(true);
    expect(read('resources/udev/70-ccpos-hid.rules')).toMatch(
      /KERNEL=="hidraw\*", ATTRS\{idVendor\}=="0c2e", TAG\+="uaccess"/,
    );
  });
});

describe("the deb's scripts", () => {
  const installScript = fillMacros(read(config.deb.afterInstall));
  const removeScript = fillMacros(read(config.deb.afterRemove));

  function fakeInstall(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ccpos-deb-'));
    scratch.push(dir);
    const app = join(dir, 'opt', config.productName);
    mkdirSync(join(app, 'resources'), { recursive: true });
    for (const { from, to } of config.extraResources)
      cpSync(join(root, from), join(app, 'resources', to), { recursive: true });
    writeFileSync(join(app, config.executableName), '#!/bin/sh\n', { mode: 0o755 });
    mkdirSync(join(dir, 'usr', 'lib', 'udev'), { recursive: true });
    return dir;
  }
  function run(script: string, installRoot: string, ...args: string[]) {
    return spawnSync('bash', ['--norc', '--noprofile', '-c', script, 'script', ...args], {
      env: { PATH: process.env.PATH, HOME: installRoot, CCPOS_INSTALL_ROOT: installRoot },
      encoding: 'utf8',
    });
  }

  it('uses only the names electron-builder fills in and parses as bash', () => {
    for (const script of [installScript, removeScript])
      expect(spawnSync('bash', ['-n', '-c', script]).status).toBe(0);
    for (const path of [config.deb.afterInstall, config.deb.afterRemove])
      accessSync(join(root, path), constants.X_OK);
  });

  it('installs the command, the udev rule, the user unit and the kiosk session, and removal takes them away', () => {
    const dir = fakeInstall();
    const installed = run(installScript, dir, 'configure');
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(0);
    expect(
      execFileSync('readlink', [join(dir, 'usr', 'bin', config.executableName)], { encoding: 'utf8' }).trim(),
    ).toBe(join(dir, 'opt', config.productName, config.executableName));
    const systemFiles = [
      'usr/lib/udev/rules.d/70-ccpos-hid.rules',
      'usr/lib/systemd/user/ccpos.service',
      'usr/share/xsessions/ccpos-kiosk.desktop',
      'usr/lib/systemd/system/ccpos-cage.service',
    ];
    expect(readFileSync(join(dir, systemFiles[0]!), 'utf8')).toBe(read('resources/udev/70-ccpos-hid.rules'));
    expect(readFileSync(join(dir, systemFiles[1]!), 'utf8')).toBe(read('resources/linux/ccpos.service'));
    for (const file of systemFiles) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o644);

    // An upgrade's removal keeps them (the new version's install follows); a removal does not.
    expect(run(removeScript, dir, 'upgrade').status).toBe(0);
    for (const file of systemFiles) expect(existsSync(join(dir, file))).toBe(true);
    expect(run(removeScript, dir, 'remove').status).toBe(0);
    for (const file of [...systemFiles, `usr/bin/${config.executableName}`])
      expect(existsSync(join(dir, file)), file).toBe(false);
  });
});

describe('auto-start and watchdog', () => {
  const unit = read('resources/linux/ccpos.service');

  it("restarts the Linux terminal when it exits abnormally, starting the deb's command", () => {
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(new RegExp(`^ExecStart=/opt/${config.productName}/${config.executableName}$`, 'm'));
    expect(unit).toMatch(/^WantedBy=graphical-session\.target$/m);
    // systemd's own reading of the unit: nothing but the command missing on this machine.
    const verified = spawnSync('systemd-analyze', ['verify', join(root, 'resources/linux/ccpos.service')], {
      encoding: 'utf8',
    });
    if (verified.error) return;
    const complaints = `${verified.stdout}${verified.stderr}`
      .split('\n')
      .filter((line) => line.trim() !== '' && !/is not executable: No such file or directory/.test(line));
    expect(complaints).toEqual([]);
  });

  it('offers a kiosk session that runs the unit, shipped where the session file says', () => {
    const session = read('resources/linux/ccpos-kiosk.desktop');
    const exec = /^Exec=(.+)$/m.exec(session)?.[1];
    expect(exec).toBe(`/opt/${config.productName}/resources/linux/ccpos-kiosk-session`);
    accessSync(join(root, 'resources/linux/ccpos-kiosk-session'), constants.X_OK);
    expect(read('resources/linux/ccpos-kiosk-session')).toMatch(
      /systemctl --user start --wait ccpos\.service/,
    );
  });

  it('runs a self-service kiosk alone in cage on tty1, always restarted, no way to another virtual terminal', () => {
    const cage = read('resources/linux/ccpos-cage.service');
    expect(cage).toMatch(
      new RegExp(
        `^ExecStart=/usr/bin/cage -d -- /opt/${config.productName}/${config.executableName} --ozone-platform=wayland$`,
        'm',
      ),
    );
    expect(cage).not.toMatch(/^ExecStart=.*cage[^\n]* -s\b/m);
    expect(cage).toMatch(/^Restart=always$/m);
    expect(cage).toMatch(/^User=ccpos-kiosk$/m);
    expect(cage).toMatch(/^TTYPath=\/dev\/tty1$/m);
    expect(cage).toMatch(/^PAMName=login$/m);
    const verified = spawnSync(
      'systemd-analyze',
      ['verify', join(root, 'resources/linux/ccpos-cage.service')],
      { encoding: 'utf8' },
    );
    if (verified.error) return;
    const complaints = `${verified.stdout}${verified.stderr}`
      .split('\n')
      .filter((line) => line.trim() !== '' && !/is not executable: No such file or directory/.test(line));
    expect(complaints).toEqual([]);
  });

  it('makes the terminal the full-screen shell of a Windows auto-logon kiosk account, restarted on any exit', () => {
    const shell = read('resources/windows/ccpos-kiosk-shell.xml');
    expect(shell.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(shell).toContain(
      `Shell="%ProgramFiles%\\ccpos\\${config.executableName}.exe" V2:AllAppsFullScreen="true"`,
    );
    expect(shell).toMatch(/<DefaultAction Action="RestartShell" \/>/);
    expect(shell).toMatch(/<AutoLogonAccount /);
    const profiles = [...shell.matchAll(/<Profile Id="(\{[0-9A-F-]{36}\})"/g)].map((m) => m[1]);
    expect(profiles).toHaveLength(2);
    expect(new Set(profiles).size).toBe(1);
    const script = read('resources/windows/ccpos-kiosk-shell.ps1');
    expect(script).toContain("Join-Path $PSScriptRoot 'ccpos-kiosk-shell.xml'");
    expect(script).toContain('MDM_AssignedAccess');
  });

  it('has a Windows scheduled task that runs the shipped watchdog script for the installed executable', () => {
    const task = read('resources/windows/ccpos-watchdog.xml');
    expect(task.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(task).toMatch(/<LogonTrigger>/);
    expect(task).toMatch(/-File "%ProgramFiles%\\ccpos\\resources\\windows\\ccpos-watchdog\.ps1"/);
    const watchdog = read('resources/windows/ccpos-watchdog.ps1');
    expect(watchdog).toContain(`'..\\..\\${config.executableName}.exe'`);
    expect(watchdog).toMatch(/if \(\$process\.ExitCode -eq 0\) \{ exit 0 \}/);
  });
});

// electron-builder downloads Electron unless it is in node_modules/electron/dist or its cache.
const electronVersion = (JSON.parse(read('node_modules/electron/package.json')) as { version: string })
  .version;
const cacheDir = process.env.ELECTRON_CACHE ?? join(process.env.HOME ?? '', '.cache', 'electron');
const haveElectron =
  existsSync(join(root, 'node_modules/electron/dist')) ||
  (existsSync(cacheDir) &&
    readdirSync(cacheDir, { recursive: true }).some((f) =>
      String(f).includes(`electron-v${electronVersion}-linux-x64.zip`),
    ));

describe('the unpacked app', () => {
  it.skipIf(!haveElectron)(
    `builds with electron-builder --dir (skipped without an Electron ` +
      `${electronVersion} binary in node_modules/electron/dist or ${cacheDir})`,
    () => {
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
      execFileSync('npx', ['electron-builder', '--dir', '--linux', '--publish', 'never'], {
        cwd: root,
        stdio: 'pipe',
      });
      const unpacked = join(root, 'dist', 'linux-unpacked');
      accessSync(join(unpacked, config.executableName), constants.X_OK);
      expect(existsSync(join(unpacked, 'resources', 'app.asar'))).toBe(true);
      expect(existsSync(join(unpacked, 'resources', 'udev', '70-ccpos-hid.rules'))).toBe(true);
      expect(existsSync(join(unpacked, 'resources', 'app-update.yml'))).toBe(true);
    },
    600_000,
  );
});
