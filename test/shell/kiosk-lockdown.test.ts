// A demo kiosk started from the built main bundle under the Electron stand-in: the
// window it opens and how it is locked down, what it builds (no journal: no till), the
// customer's channels, and leaving kiosk mode with a manager's PIN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Conf from 'conf';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateStoreOptions } from '../../electron/config/file-modes.ts';
import { journalFile } from '../../electron/sync/journal-file.ts';
import { customerPasswords } from '../../sandbox/customer-seed.ts';
import { demo } from '../../sandbox/seed.ts';
import { ensureShellBuilt } from '../support/electron-stand-in/build.ts';
import { launchMain, type MainProcess } from '../support/electron-stand-in/main-process.ts';

interface Result {
  ok: boolean;
  value?: unknown;
  error?: { code: string };
}

const folders: string[] = [];
beforeAll(() => ensureShellBuilt(), 240_000);
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('a demo kiosk started from the built bundle', () => {
  let main: MainProcess;
  let dataDir: string;
  let windowId: number;
  let contentsId: number;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-shell-'));
    folders.push(dataDir);
    new Conf({ cwd: dataDir, configName: 'settings', ...privateStoreOptions }).set({ mode: 'kiosk' });
    // Not under systemd: leaving kiosk mode relaunches the app itself.
    main = launchMain({ dataDir, env: { INVOCATION_ID: '' } });
    contentsId = (await main.ready()).webContentsId;
    windowId = (await main.state()).windows[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await main?.kill();
  });

  it('opens one full-screen kiosk window with no devtools, no menu, the display kept awake', () => {
    const windows = main.callsTo('BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]![0] as {
      kiosk: boolean;
      fullscreen: boolean;
      webPreferences: Record<string, unknown>;
    };
    expect(options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(options.webPreferences).toMatchObject({
      devTools: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(main.callsTo('Menu.setApplicationMenu')).toContainEqual([null]);
    expect(main.callsTo('BrowserWindow.removeMenu')).toContainEqual([windowId]);
    expect(main.callsTo('BrowserWindow.setKiosk')).toContainEqual([windowId, true]);
    expect(main.callsTo('powerSaveBlocker.start').map((call) => call[0])).toEqual(['prevent-display-sleep']);
    expect(main.callsTo('webContents.setVisualZoomLevelLimits')).toContainEqual([contentsId, 1, 1]);
    expect(main.callsTo('app.requestSingleInstanceLock')).toEqual([[true]]);
  });

  it("builds no till: no journal, and the till's channels are unknown", async () => {
    expect(existsSync(journalFile(dataDir))).toBe(false);
    expect(await main.invoke<Result>('operator.signIn', { pin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await main.invoke<Result>('session.status')).toMatchObject({
      ok: true,
      value: { mode: 'kiosk', operator: null },
    });
  });

  it('swallows the keys that would leave the screens and lets typing through', async () => {
    const key = (input: Record<string, unknown>) =>
      main.request({
        op: 'emit',
        target: 'webContents',
        targetId: contentsId,
        event: 'before-input-event',
        args: [{ type: 'keyDown', ...input }],
      });
    for (const input of [
      { key: 'F4', alt: true },
      { key: 'w', control: true },
      { key: 'r', control: true },
      { key: 'F12' },
      { key: 'I', control: true, shift: true },
      { key: 'F11' },
    ]) {
      expect(await key(input), JSON.stringify(input)).toEqual({ defaultPrevented: true });
    }
    for (const input of [{ key: 'a' }, { key: '7' }, { key: 'Enter' }, { key: 'Backspace' }])
      expect(await key(input), JSON.stringify(input)).toEqual({ defaultPrevented: false });
  });

  it('keeps its window open when something asks it to close, and reloads a renderer that died', async () => {
    expect(
      await main.request({ op: 'emit', target: 'window', targetId: windowId, event: 'close', args: [] }),
    ).toEqual({ defaultPrevented: true });
    const loads = main.callsTo('webContents.reload').length;
    await main.request({
      op: 'emit',
      target: 'webContents',
      targetId: contentsId,
      event: 'render-process-gone',
      args: [{ reason: 'crashed', exitCode: 139 }],
    });
    await main.until(() => main.callsTo('webContents.reload').length > loads, 'the window was reloaded');
  });

  it('goes back to full screen when something else takes it out (a compositor key, a window manager)', async () => {
    const before = main.callsTo('BrowserWindow.setFullScreen').length;
    await main.request({
      op: 'emit',
      target: 'window',
      targetId: windowId,
      event: 'leave-full-screen',
      args: [],
    });
    expect(main.callsTo('BrowserWindow.setFullScreen').slice(before)).toEqual([[windowId, true]]);
  });

  it('signs a customer in and out on the demo Customer API', async () => {
    const identified = await main.invoke<Result>('kiosk.identify', {
      method: 'card',
      cardNumber: demo.cards.regular,
      password: customerPasswords[1]!.password,
    });
    expect(identified).toMatchObject({ ok: true, value: { customer: { firstName: 'Jana' } } });
    expect(await main.invoke<Result>('kiosk.signOut', { reason: 'done' })).toEqual({ ok: true, value: null });
    expect(await main.invoke<Result>('kiosk.overview')).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it("leaves kiosk mode only with a manager's PIN, then starts again as a till", async () => {
    expect(await main.invoke<Result>('kiosk.leave', { pin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    expect(main.callsTo('app.relaunch')).toEqual([]);
    expect(await main.invoke<Result>('kiosk.leave', { pin: '9999' })).toEqual({ ok: true, value: null });
    expect((JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { mode: string }).mode).toBe(
      'till',
    );
    await main.until(() => main.callsTo('app.relaunch').length === 1, 'the app relaunched');
    expect(await main.exited).toMatchObject({ code: 0 });
    expect(main.callsTo('powerSaveBlocker.stop')).toHaveLength(1);
  });
});
