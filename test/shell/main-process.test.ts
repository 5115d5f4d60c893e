// The built main bundle (`out/main/main.js`) run in Node under the Electron stand-in:
// the window it opens, the policy its session enforces, the IPC it registers, and what
// it does when a second copy starts, the journal cannot open, or the renderer dies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestChannels } from '../../shared/ipc/channels.ts';
import { ipcRequestName } from '../../electron/ipc/electron-channels.ts';
import { contentSecurityPolicy } from '../../electron/window/policy.ts';
import { journalFile } from '../../electron/sync/journal-file.ts';
import { passwordCiphertextKey } from '../../electron/settings/keys.ts';
import { ensureShellBuilt, preloadBundle } from '../support/electron-stand-in/build.ts';
import { launchMain, type MainProcess } from '../support/electron-stand-in/main-process.ts';

const page = 'app://terminal/index.html';
const cashierPin = '1111';
const managerPin = '9999';

interface Result {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

const folders: string[] = [];
function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccpos-shell-'));
  folders.push(dir);
  return dir;
}

beforeAll(() => ensureShellBuilt(), 240_000);
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('a demo terminal started from the built bundle', () => {
  let main: MainProcess;
  let dataDir: string;
  let windowContents: number;
  beforeAll(async () => {
    dataDir = dataFolder();
    main = launchMain({ dataDir });
    windowContents = (await main.ready()).webContentsId;
  }, 60_000);
  afterAll(async () => {
    await main?.kill();
  });

  it('starts the crash reporter first, with dumps in the data folder and no upload without an address', () => {
    const order = main.calls.map((call) => call.api);
    expect(order.slice(0, 2)).toEqual(['app.setPath', 'crashReporter.start']);
    expect(main.callsTo('app.setPath')[0]).toEqual(['crashDumps', expect.stringContaining(dataDir)]);
    expect(main.callsTo('crashReporter.start')).toEqual([
      [expect.objectContaining({ uploadToServer: false, submitURL: '' })],
    ]);
  });

  it('keeps data in the data folder, sandboxes every renderer, holds the single-instance lock, before ready', () => {
    const order = main.calls.map((call) => call.api);
    const ready = order.indexOf('app.ready');
    expect(main.callsTo('app.setPath')).toContainEqual(['userData', dataDir]);
    expect(order.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('app.enableSandbox')).toBeLessThan(ready);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
    expect(main.callsTo('app.requestSingleInstanceLock')).toEqual([[true]]);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
    expect(existsSync(journalFile(dataDir))).toBe(true);
  });

  it('opens one hidden window, isolated and sandboxed with no Node, shown once it has painted', () => {
    const windows = main.callsTo('BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]![0] as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({
      preload: preloadBundle,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      safeDialogs: true,
    });
    expect(existsSync(preloadBundle)).toBe(true);
    expect(main.callsTo('webContents.loadURL').map((args) => args[1])).toEqual([page]);
    expect(main.callsTo('BrowserWindow.show')).toHaveLength(1);
  });

  it('serves the screens on app://terminal/ with the CSP header, and nothing outside the renderer folder', async () => {
    expect(main.callsTo('protocol.registerSchemesAsPrivileged')).toEqual([
      [
        [
          {
            scheme: 'app',
            privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
          },
        ],
      ],
    ]);
    const index = await main.request<{ status: number; headers: Record<string, string>; body: Buffer }>({
      op: 'fetch',
      url: page,
    });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(index.body).toString()).toContain('<div id="app">');
    for (const url of [
      'app://terminal/../main/main.js',
      'app://terminal/%2e%2e/main/main.js',
      'app://terminal/..%2fmain%2fmain.js',
      'app://other/index.html',
      'app://terminal/../../package.json',
    ]) {
      const answer = await main.request<{ status: number }>({ op: 'fetch', url });
      expect({ url, status: answer.status }).toEqual({ url, status: 404 });
    }
  });

  it('sets the CSP on every response, loads nothing remote and grants no permission', async () => {
    const headers = await main.request<{ responseHeaders: Record<string, string[]> }>({
      op: 'web-request',
      event: 'onHeadersReceived',
      url: 'app://terminal/index.html',
      details: {
        responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
    });
    expect(headers.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(headers.responseHeaders['Content-Type']).toEqual(['text/html']);
    for (const url of [
      'https://example.com/script.js',
      'http://127.0.0.1:9/',
      'file:///etc/passwd',
      'app://other/index.html',
    ]) {
      expect(await main.request({ op: 'web-request', event: 'onBeforeRequest', url })).toEqual({
        cancel: true,
      });
    }
    expect(
      await main.request({
        op: 'web-request',
        event: 'onBeforeRequest',
        url: 'app://terminal/assets/index.js',
      }),
    ).toEqual({ cancel: false });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      expect(await main.request({ op: 'permission', kind: 'request', permission })).toBe(false);
      expect(await main.request({ op: 'permission', kind: 'check', permission })).toBe(false);
    }
    expect(await main.request({ op: 'permission', kind: 'device', permission: 'hid' })).toBe(false);
    expect(await main.request({ op: 'session-event', event: 'will-download', args: [{}, null] })).toEqual({
      defaultPrevented: true,
    });
  });

  it('keeps the window on the app page and opens no other window or webview', async () => {
    const navigate = (url: string) =>
      main.request({
        op: 'emit',
        target: 'webContents',
        targetId: windowContents,
        event: 'will-navigate',
        args: [url],
        url,
      });
    expect(await navigate('https://evil.example/')).toEqual({ defaultPrevented: true });
    expect(await navigate('file:///etc/passwd')).toEqual({ defaultPrevented: true });
    expect(await navigate('app://terminal/index.html')).toEqual({ defaultPrevented: false });
    expect(
      await main.request({
        op: 'emit',
        target: 'webContents',
        targetId: windowContents,
        event: 'will-redirect',
        args: ['https://evil.example/'],
      }),
    ).toEqual({ defaultPrevented: true });
    expect(
      await main.request({
        op: 'emit',
        target: 'webContents',
        targetId: windowContents,
        event: 'will-attach-webview',
        args: [{}, {}],
      }),
    ).toEqual({ defaultPrevented: true });
    expect(
      await main.request({ op: 'window-open', webContentsId: windowContents, url: 'https://evil.example/' }),
    ).toEqual({ action: 'deny' });
    expect(await main.request({ op: 'window-open', webContentsId: windowContents, url: page })).toEqual({
      action: 'deny',
    });
    // Any other web contents, however it came to be, gets the same answer.
    const other = await main.request<number>({ op: 'foreign-contents' });
    expect(await main.request({ op: 'window-open', webContentsId: other, url: page })).toEqual({
      action: 'deny',
    });
    expect(
      await main.request({
        op: 'emit',
        target: 'webContents',
        targetId: other,
        event: 'will-attach-webview',
        args: [{}, {}],
      }),
    ).toEqual({ defaultPrevented: true });
  });

  it('registers one handler for every channel of the contract and listens to nothing else', async () => {
    const handled = main.callsTo('ipcMain.handle').map((args) => args[0]);
    expect(handled).toHaveLength(requestChannels.length);
    expect(new Set(handled)).toEqual(new Set(requestChannels.map(ipcRequestName)));
    expect(main.callsTo('ipcMain.on')).toEqual([]);
    expect(main.callsTo('ipcMain.handleOnce')).toEqual([]);
    expect(new Set((await main.state()).handlers)).toEqual(new Set(requestChannels.map(ipcRequestName)));
  });

  it('answers the main frame of its window on every channel and refuses every other sender', async () => {
    const foreign = await main.request<number>({ op: 'foreign-contents' });
    for (const channel of requestChannels) {
      const own = await main.invoke<Result>(channel, undefined);
      expect({ channel, code: own.ok ? 'ok' : own.error?.code }).not.toEqual({
        channel,
        code: 'forbidden_sender',
      });
      const fromElsewhere = await main.invoke<Result>(channel, undefined, { webContentsId: foreign });
      expect({ channel, code: fromElsewhere.error?.code }).toEqual({ channel, code: 'forbidden_sender' });
      const fromFrame = await main.invoke<Result>(channel, undefined, { frame: 'sub' });
      expect({ channel, code: fromFrame.error?.code }).toEqual({ channel, code: 'forbidden_sender' });
    }
    // The same window showing another page (a navigation that slipped through) is foreign too.
    await main.request({ op: 'navigate', webContentsId: windowContents, url: 'https://evil.example/' });
    try {
      expect(await main.invoke<Result>('session.status')).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    } finally {
      await main.request({ op: 'navigate', webContentsId: windowContents, url: page });
    }
    expect(await main.invoke<Result>('session.status')).toMatchObject({ ok: true });
  });

  it('lets a second copy of the app exit at once, before it opens a window or the journal', async () => {
    const second = launchMain({ dataDir });
    const exit = await second.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(second.callsTo('app.requestSingleInstanceLock')).toEqual([[false]]);
    expect(second.callsTo('app.exit')).toEqual([[0]]);
    expect(second.callsTo('BrowserWindow')).toEqual([]);
    expect(second.callsTo('ipcMain.handle')).toEqual([]);
    expect(main.running).toBe(true);
    expect(await main.invoke<Result>('session.status')).toMatchObject({ ok: true });
  });

  it('keeps the password only as safeStorage ciphertext and records the key store it used', async () => {
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
      security?: { keyStorageBackend?: string };
    };
    expect(settings.security?.keyStorageBackend).toBe('gnome_libsecret');
  });

  it('exports asked for on screen through the save dialog over its window, none if the dialog is closed', async () => {
    expect(await main.invoke<Result>('operator.signIn', { pin: managerPin })).toMatchObject({ ok: true });
    const target = join(dataFolder(), 'queue for accounting.csv');
    await main.request({ op: 'plan-save-dialog', filePath: target });
    const saved = await main.invoke<Result>('queue.export', {
      filter: {},
      format: 'csv',
      pin: managerPin,
      to: 'screen',
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { delivered: 'saved', file: 'queue for accounting.csv', content: null },
    });
    expect(readFileSync(target, 'utf8').split('\r\n')[0]).toContain('bill_id');
    const asked = main.callsTo('dialog.showSaveDialog');
    expect(asked.at(-1)?.[0]).toBe(windowContents);
    expect(asked.at(-1)?.[1]).toMatchObject({
      defaultPath: expect.stringMatching(/Documents[\\/]queue-[\w-]+\.csv$/),
    });
    // No plan: the manager closed the dialog.
    expect(
      await main.invoke<Result>('audit.export', { format: 'json', pin: managerPin, to: 'screen' }),
    ).toMatchObject({ ok: true, value: { delivered: 'cancelled', count: 0, content: null } });
    expect(existsSync(join(dataDir, 'exports'))).toBe(false);
    await main.invoke<Result>('operator.signOut', undefined);
  });

  it('reloads a renderer that died; the signed-in cashier, their open and parked sale are still there', async () => {
    expect(await main.invoke<Result>('operator.signIn', { pin: cashierPin })).toMatchObject({ ok: true });
    const sale = {
      saleId: 'shell-crash-sale',
      cart: { currency: 'CZK', lines: [] },
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      reason: 'parked',
      customerName: null,
    };
    const parked = await main.invoke<{ ok: true; value: { outcome: 'parked'; sale: { id: string } } }>(
      'checkout.park',
      sale,
    );
    expect(parked).toMatchObject({ ok: true, value: { outcome: 'parked' } });
    const open = { saleId: 'shell-open-sale', cart: sale.cart, ask: sale.ask, customerName: null };
    expect(await main.invoke<Result>('checkout.keepOpen', { sale: open })).toEqual({
      ok: true,
      value: { kept: true },
    });
    const loadsBefore = main.callsTo('webContents.reload').length;
    await main.request({
      op: 'emit',
      target: 'webContents',
      targetId: windowContents,
      event: 'render-process-gone',
      args: [{ reason: 'crashed', exitCode: 139 }],
    });
    await main.until(
      () => main.callsTo('webContents.reload').length > loadsBefore,
      'the window was reloaded',
    );
    expect(main.callsTo('webContents.reload').at(-1)).toEqual([windowContents]);
    const status = await main.invoke<Result>('session.status');
    expect(status).toMatchObject({ ok: true, value: { operator: { role: 'cashier' } } });
    expect(await main.invoke<Result>('checkout.openSale')).toEqual({ ok: true, value: open });
    const list = await main.invoke<Result>('checkout.parked');
    expect(list).toMatchObject({ ok: true, value: [expect.objectContaining({ id: parked.value.sale.id })] });
    // The open sale is the cashier's: a manager signing in at this till does not get it.
    expect(await main.invoke<Result>('operator.signIn', { pin: managerPin })).toMatchObject({ ok: true });
    expect(await main.invoke<Result>('checkout.openSale')).toEqual({ ok: true, value: null });
    expect(await main.invoke<Result>('operator.signIn', { pin: cashierPin })).toMatchObject({ ok: true });
    expect(await main.invoke<Result>('checkout.openSale')).toEqual({ ok: true, value: open });
    // A renderer that ended cleanly (the window closing) is not brought back.
    const reloads = main.callsTo('webContents.reload').length;
    await main.request({
      op: 'emit',
      target: 'webContents',
      targetId: windowContents,
      event: 'render-process-gone',
      args: [{ reason: 'clean-exit', exitCode: 0 }],
    });
    await main.state();
    expect(main.callsTo('webContents.reload')).toHaveLength(reloads);
  });

  it('on quit, closes the terminal before the process ends and releases the lock', async () => {
    const exit = await main.quit();
    expect(exit).toEqual({ code: 0, signal: null });
    const order = main.calls.map((call) => call.api);
    expect(order.filter((api) => api === 'app.quit')).toHaveLength(2);
    expect(existsSync(join(dataDir, 'SingletonLock'))).toBe(false);
    // The journal was closed: a checkpointed WAL leaves no -wal file behind with content.
    const wal = `${journalFile(dataDir)}-wal`;
    expect(existsSync(wal) ? readFileSync(wal).length : 0).toBe(0);
  });
});

describe('a terminal whose journal cannot open', () => {
  it('says why in one sentence, opens no window and exits non-zero', async () => {
    const dataDir = dataFolder();
    writeFileSync(
      journalFile(dataDir),
      'this is not a database, it is a note someone saved over the journal\n'.repeat(200),
    );
    const main = launchMain({ dataDir });
    const exit = await main.exited;
    expect(exit.code).toBe(1);
    expect(main.callsTo('dialog.showErrorBox')).toEqual([
      [
        'This terminal cannot take sales',
        'The offline journal file is damaged, so this terminal cannot keep sales until it is repaired or restored.',
      ],
    ]);
    expect(main.callsTo('app.exit')).toEqual([[1]]);
    expect(main.callsTo('BrowserWindow')).toEqual([]);
    expect(main.callsTo('ipcMain.handle')).toEqual([]);
  }, 60_000);
});

describe('a Linux terminal whose safeStorage uses basic_text', () => {
  it('records the weak key store and keeps a password there only once a manager accepted it', async () => {
    const dataDir = dataFolder();
    const main = launchMain({ dataDir, keyBackend: 'basic_text' });
    try {
      await main.ready();
      expect(await main.invoke<Result>('operator.signIn', { pin: managerPin })).toMatchObject({ ok: true });
      expect(await main.invoke<Result>('settings.get')).toMatchObject({
        ok: true,
        value: { keyStorage: { backend: 'basic_text', weak: true, acceptedWeak: false } },
      });
      const refused = await main.invoke<Result>('settings.update', {
        patch: { password: 'secret-password' },
        pin: managerPin,
      });
      expect(refused).toMatchObject({ ok: false });
      expect(JSON.stringify(refused)).not.toContain('invalid_payload');
      const stored = () =>
        JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
      expect(JSON.stringify(stored())).not.toContain('secret-password');
      const accepted = await main.invoke<Result>('settings.update', {
        patch: { acceptWeakKeyStorage: true, password: 'secret-password' },
        pin: managerPin,
      });
      expect(accepted).toMatchObject({ ok: true, value: { passwordSet: true } });
      const file = JSON.stringify(stored());
      expect(file).not.toContain('secret-password');
      expect(main.decryptFromKeychain(stored()[passwordCiphertextKey] as string)).toBe('secret-password');
    } finally {
      await main.kill();
    }
  }, 60_000);
});

describe('a terminal whose window is closed', () => {
  it('quits as the last window goes, closing the terminal first', async () => {
    const dataDir = dataFolder();
    const main = launchMain({ dataDir });
    try {
      await main.ready();
      await main.request({ op: 'close-windows' });
      expect(await main.exited).toEqual({ code: 0, signal: null });
      // window-all-closed asked to quit; before-quit held it until the terminal had closed, then quit again.
      expect(main.callsTo('app.quit')).toHaveLength(2);
      expect(existsSync(join(dataDir, 'SingletonLock'))).toBe(false);
    } finally {
      await main.kill();
    }
  }, 60_000);
});
