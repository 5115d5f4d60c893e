// Electron main process entry: start the terminal's services, open the one
// hardened window, and connect the typed IPC to it.
import { app, BrowserWindow, crashReporter, dialog, webContents } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { startApp, type AppTerminal } from './app/terminal.ts';
import { createKioskApi } from './kiosk/customer-api-port.ts';
import { kioskWindowSize, lockDownKiosk, type KioskLockdown } from './window/kiosk-lockdown.ts';
import { defaultDataDir } from './config/data-dir.ts';
import { crashFolder, crashReporterOptions, crashUploadUrl } from './crash/crash-reports.ts';
import { ensurePrivateDir, privateStoreOptions } from './config/file-modes.ts';
import { JournalUnavailableError } from './journal/errors.ts';
import { startSandboxBackend } from './demo/sandbox-backend.ts';
import { loadNodeHid } from './hid/node-hid-transport.ts';
import { connectWindow, registerIpc } from './ipc/electron-ipc.ts';
import { electronSenderCheck } from './ipc/sender.ts';
import { createLogger, fileSink } from './log/logger.ts';
import type { KeyValueBackend } from './settings/backend.ts';
import { safeStorageCipher } from './settings/safe-storage-cipher.ts';
import { registerAppScheme } from './window/app-protocol.ts';
import { createHardenedWindow, rendererRoot } from './window/create-window.ts';
import { startAppUpdates } from './update/electron-updates.ts';

const development = !app.isPackaged && process.env.CCPOS_DEVTOOLS === '1';
const page = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preload = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

// The same folder `ccpos` reads, so support sees this terminal's settings and queue.
const dataDir = process.env.CCPOS_DATA_DIR || defaultDataDir(process.env);
// First: a crash of any process from here on leaves a minidump in the data folder.
ensurePrivateDir(crashFolder(dataDir));
app.setPath('crashDumps', crashFolder(dataDir));
crashReporter.start(crashReporterOptions(crashUploadUrl(dataDir), app.getVersion()));
app.setPath('userData', dataDir);
app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.exit(0);

// Any web contents, however created, gets no new windows and no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

// conf, as `ccpos` reads them: electron-store would also answer any renderer's
// `electron-store-get-data` message, a channel outside the contract and its sender check.
function store(name: string, folder: string): KeyValueBackend {
  return new Conf({
    configName: name,
    cwd: folder,
    projectVersion: app.getVersion(),
    ...privateStoreOptions,
  }) as KeyValueBackend;
}

let terminal: AppTerminal | null = null;
let lockdown: KioskLockdown | null = null;

/**
 * A manager changed what this terminal is (a till made a kiosk on the settings screen, or a
 * kiosk left with a manager's PIN): start again, and startApp builds what the settings say now.
 * Under systemd (the cage unit) the unit starts the app again after an exit it did not ask
 * for; elsewhere the app relaunches itself.
 */
function restartInNewMode(): void {
  lockdown?.release();
  if (process.env.INVOCATION_ID) app.exit(75);
  else {
    app.relaunch();
    app.exit(0);
  }
}

/** An export asked for on the screen: the save dialog over the window that asked, starting in Documents. */
async function saveDialog(suggestedName: string, webContentsId: number): Promise<string | null> {
  const contents = webContents.fromId(webContentsId);
  const window = contents ? BrowserWindow.fromWebContents(contents) : null;
  const extension = suggestedName.endsWith('.json') ? 'json' : 'csv';
  const options = {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
  };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}

async function start(): Promise<void> {
  ensurePrivateDir(dataDir);
  const logger = createLogger(fileSink(join(dataDir, 'logs', 'ccpos.log')));
  // Counts this start; a version that keeps failing hands over to the previous one here.
  const updates = startAppUpdates(dataDir, logger, () => terminal?.updateActivity() ?? null);
  if (updates.rolledBack) return;
  terminal = await startApp({
    customerApi: createKioskApi,
    // The delay lets the screens get the answer (and say the terminal restarts) first.
    onLeaveKiosk: () => setTimeout(restartInNewMode, 200),
    onEnterKiosk: () => setTimeout(restartInNewMode, 200),
    updates: () => updates.service,
    dataDir,
    stores: {
      settings: store('settings', dataDir),
      operators: store('operators', dataDir),
      customerCache: store('customer-cache', dataDir),
    },
    cipher: safeStorageCipher,
    startDemo: () => startSandboxBackend({ statePath: join(dataDir, 'demo-sandbox.json') }),
    hidLoader: loadNodeHid,
    logger,
    saveDialog,
  });
  const updateSettings = terminal.settings.current.updates;
  const windows = new Set<number>();
  registerIpc(terminal.dispatcher(electronSenderCheck({ windowIds: () => windows, rendererRoot })));
  const events = terminal.events;
  const kiosk = terminal.mode === 'kiosk';
  await createHardenedWindow({
    page,
    preload,
    // A kiosk never opens devtools, whatever the environment says.
    development: development && !kiosk,
    ...(kiosk ? { size: kioskWindowSize } : {}),
    beforeLoad(window) {
      if (kiosk) lockdown = lockDownKiosk(window);
      const id = window.webContents.id;
      windows.add(id);
      window.on('closed', () => windows.delete(id));
      connectWindow(window, events);
    },
  });
  updates.ready(updateSettings);
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    console.error('The terminal could not start:', error);
    // A terminal that cannot keep sales must not take any: say why in one sentence.
    if (error instanceof JournalUnavailableError)
      dialog.showErrorBox('This terminal cannot take sales', error.message);
    else
      dialog.showErrorBox(
        'The terminal could not start',
        error instanceof Error ? error.message : String(error),
      );
    app.exit(1);
  });
app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!terminal) return;
  event.preventDefault();
  const closing = terminal;
  terminal = null;
  void closing.close().finally(() => app.quit());
});
