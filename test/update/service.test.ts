// The update service over electron-updater (a DebUpdater reading the local fixture
// server): it downloads, then installs only when the till is idle, keeps what rollback
// needs, honours a manager's postponement, and answers the manager's IPC channels.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalActivity } from '../../electron/update/idle.ts';
import { RESTART_EXIT_CODE, onStart } from '../../electron/update/rollback.ts';
import { UpdateService } from '../../electron/update/service.ts';
import { updateFiles, type UpdateFiles } from '../../electron/update/update-files.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { managerPin, openTerminal } from '../ipc/terminal-fixture.ts';
import { feedServer, fixture, updaterAt, type FeedServer } from './support.ts';

const HOUR = 3_600_000;
const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };

let dir: string;
let server: FeedServer;
let files: UpdateFiles;
let now: number;
let activity: TerminalActivity;
let installs: { silent: boolean | undefined; runAfter: boolean | undefined }[];
let exitCodes: (number | null)[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccpos-updates-'));
  server = await feedServer();
  files = updateFiles(join(dir, 'data'));
  files.writeMarker(onStart(null, '1.0.0').marker);
  now = Date.parse('2026-12-02T08:00:00Z');
  activity = { saleOpen: false, shiftClosing: false, sending: 0, pending: 0 };
  installs = [];
  exitCodes = [];
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function recordingUpdater(): AppUpdater {
  const updater = updaterAt('1.0.0', dir);
  // The one call that would hand over to dpkg: recorded instead.
  updater.quitAndInstall = (silent, runAfter) => void installs.push({ silent, runAfter });
  return updater;
}

function service(
  options: {
    url?: string;
    env?: NodeJS.ProcessEnv;
    updater?: AppUpdater | null;
    activity?: () => TerminalActivity | null;
  } = {},
): UpdateService {
  return new UpdateService({
    updater: options.updater === undefined ? recordingUpdater() : options.updater,
    settings: { url: options.url ?? server.url, channel: 'stable', checkHours: 4 },
    currentVersion: '1.0.0',
    files,
    activity: options.activity ?? (() => activity),
    logger: silentLogger,
    platform: 'linux',
    arch: 'x64',
    env: options.env ?? {},
    now: () => now,
    idleCheckMs: 3_600_000,
    onInstall: (code) => void exitCodes.push(code),
  });
}

async function downloaded(updates: UpdateService): Promise<void> {
  updates.start();
  await updates.check();
  updates.stop();
}

describe('the update service', () => {
  it('stays off without a server or where the app cannot update itself', async () => {
    const noServer = service({ url: '' });
    noServer.start();
    expect(noServer.status()).toMatchObject({ state: 'off', readyVersion: null, waitingFor: [] });
    const notPackaged = service({ updater: null });
    notPackaged.start();
    await notPackaged.check();
    expect(notPackaged.status().state).toBe('off');
    expect(server.paths).toEqual([]);
  });

  it('downloads the release and waits while a sale is open, then while an entry is on its way', async () => {
    activity.saleOpen = true;
    const updates = service();
    await downloaded(updates);
    expect(server.paths).toEqual(['/ccpos/latest-linux.yml', '/ccpos/ccpos_1.1.0_amd64.deb']);
    expect(updates.status()).toMatchObject({
      state: 'ready',
      readyVersion: '1.1.0',
      waitingFor: ['sale-open'],
      postponedUntil: null,
      postponeLimit: '2026-12-05T08:00:00.000Z',
    });
    expect(installs).toEqual([]);

    activity = { saleOpen: false, shiftClosing: false, sending: 1, pending: 2 };
    expect(updates.tryInstall()).toBe(false);
    expect(updates.status().waitingFor).toEqual(['journal-sending']);

    // Pending entries stay in the journal across the restart and are sent by the new version.
    activity.sending = 0;
    expect(updates.tryInstall()).toBe(true);
    expect(installs).toEqual([{ silent: true, runAfter: true }]);
    expect(exitCodes).toEqual([null]);
    expect(updates.tryInstall()).toBe(false);
    expect(installs).toHaveLength(1);
  });

  it('keeps the downloaded package for a later rollback, and records the version it replaces', async () => {
    activity.saleOpen = true;
    const updates = service();
    await downloaded(updates);
    const kept = files.kept('1.1.0');
    expect(kept?.artifact && readFileSync(kept.artifact)).toEqual(fixture('ccpos_1.1.0_amd64.deb'));
    activity.saleOpen = false;
    expect(updates.tryInstall()).toBe(true);
    // Nothing of 1.0.0 was kept (it came from a package installed by hand), so it is recorded without a file.
    expect(files.readMarker()?.kept).toEqual({ version: '1.0.0', artifact: null });
    // The new version's first start makes 1.0.0 the previous version.
    expect(onStart(files.readMarker(), '1.1.0').marker.previous).toEqual({
      version: '1.0.0',
      artifact: null,
    });
  });

  it('under systemd keeps a copy of the running AppImage and quits with the restart status', async () => {
    const appImage = join(dir, 'ccpos.AppImage');
    writeFileSync(appImage, 'the running 1.0.0 AppImage');
    const updates = service({ env: { INVOCATION_ID: 'x', APPIMAGE: appImage } });
    await downloaded(updates);
    expect(installs).toEqual([{ silent: true, runAfter: true }]);
    expect(exitCodes).toEqual([RESTART_EXIT_CODE]);
    const kept = files.readMarker()?.kept;
    expect(kept?.version).toBe('1.0.0');
    expect(readFileSync(kept!.artifact!, 'utf8')).toBe('the running 1.0.0 AppImage');
  });

  it('tries again at the next idle moment when the install itself failed', async () => {
    const updater = recordingUpdater();
    updater.quitAndInstall = (silent, runAfter) => {
      installs.push({ silent, runAfter });
      // As electron-updater reports a failed dpkg or a refused password: an error event, and the app keeps running.
      updater.emit('error', new Error('pkexec: authentication failed'));
    };
    const updates = service({ updater });
    await downloaded(updates);
    expect(installs).toHaveLength(1);
    expect(updates.status()).toMatchObject({
      state: 'ready',
      readyVersion: '1.1.0',
      problem: 'pkexec: authentication failed',
    });
    expect(updates.tryInstall()).toBe(true);
    expect(installs).toHaveLength(2);
  });

  it('says so when electron-updater is not active in this installation', async () => {
    const updater = recordingUpdater();
    updater.checkForUpdates = () => Promise.resolve(null);
    const updates = service({ updater });
    await downloaded(updates);
    expect(updates.status()).toMatchObject({
      state: 'off',
      problem: 'this installation cannot update itself',
    });
  });

  it('does not install while the terminal is not running', async () => {
    const updates = service({ activity: () => null });
    await downloaded(updates);
    expect(installs).toEqual([]);
    expect(updates.status().waitingFor).toEqual(['starting']);
  });

  it("waits out a manager's postponement, then installs at the next idle moment", async () => {
    activity.saleOpen = true;
    const updates = service();
    await downloaded(updates);
    activity.saleOpen = false;
    expect(updates.postpone(4, 'manager-1')).toMatchObject({ ok: true });
    expect(updates.tryInstall()).toBe(false);
    expect(updates.status()).toMatchObject({
      waitingFor: ['postponed'],
      postponedUntil: '2026-12-02T12:00:00.000Z',
    });
    now += 4 * HOUR;
    expect(updates.tryInstall()).toBe(true);
  });

  it('reports a feed it cannot read and tries again at the next check', async () => {
    server.files.delete('/ccpos/latest-linux.yml');
    const updates = service();
    await downloaded(updates);
    expect(updates.status()).toMatchObject({
      state: 'failed',
      problem: expect.stringMatching(/Cannot find channel "latest-linux\.yml"/),
    });
    server.files.set('/ccpos/latest-linux.yml', fixture('latest-linux.yml'));
    activity.saleOpen = true;
    await updates.check();
    expect(updates.status()).toMatchObject({ state: 'ready', readyVersion: '1.1.0', problem: null });
  });
});

describe("the manager's update channels", () => {
  it("show the status, postpone with the manager's PIN, and hear the till's open sale", async () => {
    activity.saleOpen = true;
    const updates = service();
    await downloaded(updates);
    const fixtureTerminal = await openTerminal({ updates: () => updates });
    try {
      const dispatch = fixtureTerminal.terminal.dispatcher(previewSenderCheck(new Set([1])));
      expect(await dispatch('checkout.saleOpen', { open: true }, sender)).toEqual({ ok: true, value: null });
      expect(fixtureTerminal.terminal.updateActivity()).toEqual({
        saleOpen: true,
        shiftClosing: false,
        sending: 0,
        pending: 0,
      });
      expect(await dispatch('checkout.saleOpen', { open: false }, sender)).toEqual({ ok: true, value: null });
      expect(fixtureTerminal.terminal.updateActivity().saleOpen).toBe(false);

      expect(await dispatch('updates.status', undefined, sender)).toMatchObject({
        ok: false,
        error: { code: 'not_signed_in' },
      });
      await dispatch('operator.signIn', { pin: managerPin }, sender);
      expect(await dispatch('updates.status', undefined, sender)).toMatchObject({
        ok: true,
        value: { state: 'ready', readyVersion: '1.1.0', currentVersion: '1.0.0', channel: 'stable' },
      });
      expect(await dispatch('updates.postpone', { hours: 2, pin: '000000' }, sender)).toMatchObject({
        ok: false,
        error: { code: 'wrong_pin' },
      });
      expect(await dispatch('updates.postpone', { hours: 2, pin: managerPin }, sender)).toMatchObject({
        ok: true,
        value: { postponedUntil: '2026-12-02T10:00:00.000Z', waitingFor: ['postponed', 'sale-open'] },
      });
    } finally {
      await fixtureTerminal.close();
    }
  });

  it('say plainly that a terminal without the update service does not update itself', async () => {
    const plain = await openTerminal();
    try {
      const dispatch = plain.terminal.dispatcher(previewSenderCheck(new Set([1])));
      await dispatch('operator.signIn', { pin: managerPin }, sender);
      expect(await dispatch('updates.status', undefined, sender)).toMatchObject({
        ok: false,
        error: { code: 'not_configured' },
      });
      expect(existsSync(join(plain.dataDir, 'updates'))).toBe(false);
    } finally {
      await plain.close();
    }
  });
});
