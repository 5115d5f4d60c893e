// The `electron` module as the built main bundle sees it when the shell tests run it in
// Node (the Electron binary cannot be downloaded here). It records every call it gets
// and sends the record to the test process; the test replays Electron's side (an IPC
// message from a frame, a navigation, a crashed renderer, a quit) through the control
// messages at the end of this file. It keeps no terminal logic: what the terminal does
// with these calls is the bundle's own code.
// Runs in the child process only (see register.ts and launch.ts), with Node's own type
// stripping: plain TypeScript, no enums, relative imports with their extension.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlRequest, StandInMessage, RecordedCall } from './protocol.ts';
import { openWithKeychain, plain, sealWithKeychain, standInEnv } from './protocol.ts';

function post(message: StandInMessage, done?: () => void): void {
  if (!process.send) done?.();
  else if (done) process.send(message, () => done());
  else process.send(message);
}

function record(api: string, ...args: unknown[]): void {
  const call: RecordedCall = { api, args: args.map((arg) => plain(arg)) };
  post({ kind: 'record', call });
}

/** Electron's preventable event object, as listeners receive it. */
export interface StandInEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

function newEvent(extra: Record<string, unknown> = {}): StandInEvent {
  const event: StandInEvent = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// ---------------------------------------------------------------- app

let exiting = false;

class App extends EventEmitter {
  isPackaged = false;
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => record('app.commandLine.appendSwitch', name, value),
    hasSwitch: (_name: string) => false,
    getSwitchValue: (_name: string) => '',
  };
  readonly #paths = new Map<string, string>();
  #ready = false;
  #readyWaiters: (() => void)[] = [];
  #quitting = false;
  #lockFile: string | null = null;

  constructor() {
    super();
    const appData = process.env[standInEnv.appData] ?? join(tmpdir(), 'electron-stand-in-appdata');
    this.#paths.set('home', homedir());
    this.#paths.set('documents', join(homedir(), 'Documents'));
    this.#paths.set('appData', appData);
    this.#paths.set('userData', join(appData, this.getName()));
    this.#paths.set('sessionData', join(appData, this.getName()));
    this.#paths.set('temp', tmpdir());
    this.#paths.set('exe', process.execPath);
    this.#paths.set('logs', join(appData, this.getName(), 'logs'));
    this.#paths.set('crashDumps', join(appData, this.getName(), 'Crashpad'));
  }

  getName(): string {
    return readPackage().name ?? 'Electron';
  }
  getVersion(): string {
    return readPackage().version ?? '0.0.0';
  }
  getAppPath(): string {
    return process.cwd();
  }
  getLocale(): string {
    return 'en-US';
  }

  getPath(name: string): string {
    const path = this.#paths.get(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: string, path: string): void {
    record('app.setPath', name, path);
    this.#paths.set(name, path);
    if (name === 'userData' && !this.#paths.has('sessionData')) this.#paths.set('sessionData', path);
  }

  enableSandbox(): void {
    if (this.#ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    record('app.enableSandbox');
  }

  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', id);
  }

  /**
   * As Chromium's process singleton on Linux: a `SingletonLock` symlink in the user data
   * folder naming host and pid; a lock whose process is gone is taken over.
   */
  requestSingleInstanceLock(): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, 'SingletonLock');
    const own = `${hostname()}-${process.pid}`;
    let granted = false;
    for (let attempt = 0; attempt < 2 && !granted; attempt += 1) {
      try {
        symlinkSync(own, lock);
        granted = true;
      } catch {
        let holder: string;
        try {
          holder = readlinkSync(lock);
        } catch {
          continue;
        }
        const pid = Number(holder.slice(holder.lastIndexOf('-') + 1));
        if (holder.startsWith(`${hostname()}-`) && Number.isInteger(pid) && processAlive(pid)) break;
        unlinkSync(lock);
      }
    }
    if (granted) this.#lockFile = lock;
    record('app.requestSingleInstanceLock', granted);
    return granted;
  }

  hasSingleInstanceLock(): boolean {
    return this.#lockFile !== null;
  }

  releaseSingleInstanceLock(): void {
    record('app.releaseSingleInstanceLock');
    this.#releaseLock();
  }

  #releaseLock(): void {
    if (this.#lockFile === null) return;
    try {
      if (
        lstatSync(this.#lockFile).isSymbolicLink() &&
        readlinkSync(this.#lockFile) === `${hostname()}-${process.pid}`
      )
        unlinkSync(this.#lockFile);
    } catch {
      // Already gone.
    }
    this.#lockFile = null;
  }

  isReady(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Called by the launcher once the main script has been evaluated, as Electron does. */
  becomeReady(): void {
    if (this.#ready || exiting) return;
    this.#ready = true;
    record('app.ready');
    this.emit('will-finish-launching');
    this.emit('ready', newEvent(), {});
    for (const waiter of this.#readyWaiters.splice(0)) waiter();
  }

  /**
   * Electron's order: before-quit (preventable), every window closed (each preventable),
   * will-quit (preventable), quit, then the process ends. window-all-closed is not
   * emitted for windows closed by a quit.
   */
  quit(): void {
    record('app.quit');
    if (exiting || this.#quitting) return;
    this.#quitting = true;
    const before = newEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) {
      this.#quitting = false;
      return;
    }
    for (const window of [...windows.values()]) {
      if (!window.closeForQuit()) {
        this.#quitting = false;
        return;
      }
    }
    const will = newEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) {
      this.#quitting = false;
      return;
    }
    this.emit('quit', newEvent(), 0);
    this.#end(0);
  }

  /** Ends at once: no quit events, windows destroyed without asking. */
  exit(code = 0): void {
    record('app.exit', code);
    if (exiting) return;
    for (const window of [...windows.values()]) window.destroy();
    this.#end(code);
  }

  relaunch(options?: unknown): void {
    record('app.relaunch', options);
  }

  #end(code: number): void {
    exiting = true;
    this.#releaseLock();
    // Every record sent before this one reaches the test before the process ends.
    post({ kind: 'exit', code }, () => process.exit(code));
  }

  closeAllForTest(): void {
    for (const window of [...windows.values()]) window.close();
  }

  onWindowClosed(): void {
    if (windows.size === 0 && !this.#quitting && !exiting) this.emit('window-all-closed', newEvent());
  }
}

let packageJson: { name?: string; version?: string } | null = null;
function readPackage(): { name?: string; version?: string } {
  if (packageJson) return packageJson;
  try {
    packageJson = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
  } catch {
    packageJson = {};
  }
  return packageJson;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const app = new App();

// ---------------------------------------------------------------- protocol and session

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class Protocol {
  readonly #owner: string;
  readonly handlers = new Map<string, ProtocolHandler>();
  constructor(owner: string) {
    this.#owner = owner;
  }
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (app.isReady())
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record('protocol.registerSchemesAsPrivileged', schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    record(`${this.#owner}.handle`, scheme);
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    record(`${this.#owner}.unhandle`, scheme);
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}

type Listener = (
  details: Record<string, unknown>,
  callback: (response: Record<string, unknown>) => void,
) => void;

class WebRequest {
  readonly listeners = new Map<string, Listener>();
  #set(name: string, args: unknown[]): void {
    const listener = args.find((arg) => typeof arg === 'function') as Listener | undefined;
    const filter = args.find((arg) => typeof arg === 'object' && arg !== null);
    record(`session.webRequest.${name}`, filter ?? null);
    if (listener) this.listeners.set(name, listener);
    else this.listeners.delete(name);
  }
  onBeforeRequest(...args: unknown[]): void {
    this.#set('onBeforeRequest', args);
  }
  onBeforeSendHeaders(...args: unknown[]): void {
    this.#set('onBeforeSendHeaders', args);
  }
  onHeadersReceived(...args: unknown[]): void {
    this.#set('onHeadersReceived', args);
  }
}

class Session extends EventEmitter {
  readonly protocol = new Protocol('session.protocol');
  readonly webRequest = new WebRequest();
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;

  setPermissionRequestHandler(handler: ((...args: unknown[]) => void) | null): void {
    record('session.setPermissionRequestHandler', handler !== null);
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    record('session.setPermissionCheckHandler', handler !== null);
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    record('session.setDevicePermissionHandler', handler !== null);
    this.devicePermissionHandler = handler;
  }
  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    record('session.on', String(event));
    return super.on(event, listener);
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    record('session.setSpellCheckerEnabled', enabled);
  }
  async clearCache(): Promise<void> {
    record('session.clearCache');
  }
}

const defaultSession = new Session();
export const session = {
  get defaultSession(): Session {
    if (!app.isReady()) throw new Error('session module can only be used when app is ready');
    return defaultSession;
  },
};

/** The module-level `protocol` is the default session's, plus scheme registration. */
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) =>
    defaultSession.protocol.registerSchemesAsPrivileged(schemes),
  handle: (scheme: string, handler: ProtocolHandler) => defaultSession.protocol.handle(scheme, handler),
  unhandle: (scheme: string) => defaultSession.protocol.unhandle(scheme),
  isProtocolHandled: (scheme: string) => defaultSession.protocol.isProtocolHandled(scheme),
};

// ---------------------------------------------------------------- webContents and windows

let nextWebContentsId = 1;
const allContents = new Map<number, WebContents>();

export class WebFrameMain {
  url = '';
  readonly name: string;
  readonly isMain: boolean;
  constructor(name: string, isMain: boolean) {
    this.name = name;
    this.isMain = isMain;
  }
}

type WindowOpenHandler = (details: Record<string, unknown>) => unknown;

class WebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = defaultSession;
  readonly mainFrame = new WebFrameMain('main', true);
  readonly subFrame = new WebFrameMain('child', false);
  windowOpenHandler: WindowOpenHandler | null = null;
  #destroyed = false;
  #crashed = false;

  constructor() {
    super();
    allContents.set(this.id, this);
    record('webContents.created', this.id);
    app.emit('web-contents-created', newEvent(), this);
  }

  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    record('webContents.on', this.id, String(event));
    return super.on(event, listener);
  }
  override once(event: string | symbol, listener: (...args: unknown[]) => void): this {
    record('webContents.once', this.id, String(event));
    return super.once(event, listener);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    record('webContents.setWindowOpenHandler', this.id);
    this.windowOpenHandler = handler;
  }

  async loadURL(url: string, options?: unknown): Promise<void> {
    record('webContents.loadURL', this.id, url, options);
    await this.#navigated(url);
  }

  async loadFile(path: string): Promise<void> {
    record('webContents.loadFile', this.id, path);
    await this.#navigated(new URL(`file://${path}`).href);
  }

  reload(): void {
    record('webContents.reload', this.id);
    void this.#navigated(this.mainFrame.url);
  }

  /**
   * A page load as Electron reports it. Without a browser the page counts as loaded at
   * once; with one (`ELECTRON_STAND_IN_PAGES=external`), when the test says the browser
   * has loaded it, so events sent on `did-finish-load` reach a page that listens.
   */
  #navigated(url: string): Promise<void> {
    this.#crashed = false;
    this.mainFrame.url = url;
    this.subFrame.url = 'about:blank';
    this.emit('did-start-loading');
    const finish = (): void => {
      this.emit('dom-ready', newEvent());
      this.emit('did-finish-load', newEvent());
    };
    if (process.env[standInEnv.pages] !== 'external') {
      finish();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#pageLoaded = () => {
        finish();
        resolve();
      };
    });
  }

  #pageLoaded: (() => void) | null = null;

  /** The browser showing this webContents has loaded its page. */
  pageLoaded(): void {
    const loaded = this.#pageLoaded;
    this.#pageLoaded = null;
    loaded?.();
  }

  getURL(): string {
    return this.mainFrame.url;
  }
  isCrashed(): boolean {
    return this.#crashed;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.emit('destroyed');
    allContents.delete(this.id);
  }
  /** The renderer process ended (the test replays this with `render-process-gone`). */
  markCrashed(): void {
    this.#crashed = true;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    post({ kind: 'send', webContentsId: this.id, channel, args: args.map((arg) => plain(arg)) });
  }

  openDevTools(): void {
    record('webContents.openDevTools', this.id);
  }
  closeDevTools(): void {
    record('webContents.closeDevTools', this.id);
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  setZoomFactor(factor: number): void {
    record('webContents.setZoomFactor', this.id, factor);
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    record('webContents.setVisualZoomLevelLimits', this.id, min, max);
    return Promise.resolve();
  }
  focus(): void {
    record('webContents.focus', this.id);
  }
}

export const webContents = {
  fromId: (id: number): WebContents | undefined => allContents.get(id),
  getAllWebContents: (): WebContents[] => [...allContents.values()],
  getFocusedWebContents: (): WebContents | null => null,
};

let nextWindowId = 1;
const windows = new Map<number, BrowserWindow>();

export class BrowserWindow extends EventEmitter {
  readonly id = nextWindowId++;
  readonly webContents: WebContents;
  readonly options: Record<string, unknown>;
  #destroyed = false;
  #visible: boolean;

  static getAllWindows(): BrowserWindow[] {
    return [...windows.values()];
  }
  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return [...windows.values()].find((w) => w.webContents === contents) ?? null;
  }
  static getFocusedWindow(): BrowserWindow | null {
    return [...windows.values()][0] ?? null;
  }

  constructor(options: Record<string, unknown> = {}) {
    super();
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = options;
    this.#visible = options.show !== false;
    record('BrowserWindow', options);
    windows.set(this.id, this);
    this.webContents = new WebContents();
    // Electron shows a `show: false` window's content once it has painted.
    this.webContents.on('did-finish-load', () => this.emit('ready-to-show', newEvent()));
  }

  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    record('BrowserWindow.on', this.id, String(event));
    return super.on(event, listener);
  }
  override once(event: string | symbol, listener: (...args: unknown[]) => void): this {
    record('BrowserWindow.once', this.id, String(event));
    return super.once(event, listener);
  }

  loadURL(url: string, options?: unknown): Promise<void> {
    return this.webContents.loadURL(url, options);
  }
  loadFile(path: string): Promise<void> {
    return this.webContents.loadFile(path);
  }
  reload(): void {
    this.webContents.reload();
  }

  show(): void {
    record('BrowserWindow.show', this.id);
    this.#visible = true;
  }
  hide(): void {
    record('BrowserWindow.hide', this.id);
    this.#visible = false;
  }
  isVisible(): boolean {
    return this.#visible;
  }
  focus(): void {
    record('BrowserWindow.focus', this.id);
  }
  restore(): void {
    record('BrowserWindow.restore', this.id);
  }
  isMinimized(): boolean {
    return false;
  }
  setKiosk(on: boolean): void {
    record('BrowserWindow.setKiosk', this.id, on);
  }
  setFullScreen(on: boolean): void {
    record('BrowserWindow.setFullScreen', this.id, on);
  }
  setMenuBarVisibility(on: boolean): void {
    record('BrowserWindow.setMenuBarVisibility', this.id, on);
  }
  removeMenu(): void {
    record('BrowserWindow.removeMenu', this.id);
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** Asks first (`close`, preventable); false when a listener kept the window open. */
  close(): boolean {
    record('BrowserWindow.close', this.id);
    if (this.#destroyed) return true;
    const event = newEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.#closed();
    app.onWindowClosed();
    return true;
  }

  closeForQuit(): boolean {
    if (this.#destroyed) return true;
    const event = newEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.#closed();
    return true;
  }

  destroy(): void {
    record('BrowserWindow.destroy', this.id);
    if (this.#destroyed) return;
    this.#closed();
  }

  #closed(): void {
    this.#destroyed = true;
    windows.delete(this.id);
    this.webContents.destroy();
    this.emit('closed');
  }
}

// ---------------------------------------------------------------- ipcMain

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    record('ipcMain.handle', channel);
    // Electron refuses a second handler for one channel.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  handleOnce(channel: string, handler: InvokeHandler): void {
    record('ipcMain.handleOnce', channel);
    this.handle(channel, (event, ...args) => {
      this.handlers.delete(channel);
      return handler(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }
  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    record('ipcMain.on', String(event));
    return super.on(event, listener);
  }
}

export const ipcMain = new IpcMain();

// ---------------------------------------------------------------- safeStorage

/**
 * The OS keychain's key for this run comes from the test (so it can write a settings file
 * the app decrypts), or is made up; `ELECTRON_STAND_IN_KEY_BACKEND` names Linux's backend.
 */
const keychainKey = process.env[standInEnv.keychainKey]
  ? Buffer.from(process.env[standInEnv.keychainKey]!, 'hex')
  : randomBytes(32);

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    return process.env[standInEnv.encryption] !== 'unavailable';
  },
  getSelectedStorageBackend(): string {
    if (process.platform !== 'linux')
      throw new Error('safeStorage.getSelectedStorageBackend() is only available on Linux');
    return process.env[standInEnv.keyBackend] ?? 'gnome_libsecret';
  },
  encryptString(plainText: string): Buffer {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    return sealWithKeychain(keychainKey, plainText);
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    return openWithKeychain(keychainKey, encrypted);
  },
  setUsePlainTextEncryption(use: boolean): void {
    record('safeStorage.setUsePlainTextEncryption', use);
  },
};

// ---------------------------------------------------------------- dialog, power, crashes, shell

/** Answers of the next save dialogs, planned by the test; an unplanned one is closed by the user. */
const plannedSaves: (string | null)[] = [];

export const dialog = {
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const window = args.find((arg) => arg instanceof BrowserWindow) as BrowserWindow | undefined;
    record(
      'dialog.showSaveDialog',
      window?.webContents.id ?? null,
      ...args.filter((arg) => !(arg instanceof BrowserWindow)),
    );
    const filePath = plannedSaves.shift() ?? null;
    return filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath };
  },
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content);
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog.showMessageBox', ...args.filter((arg) => !(arg instanceof BrowserWindow)));
    return { response: 0, checkboxChecked: false };
  },
  showMessageBoxSync(...args: unknown[]): number {
    record('dialog.showMessageBoxSync', ...args.filter((arg) => !(arg instanceof BrowserWindow)));
    return 0;
  },
};

let nextBlocker = 0;
const blockers = new Set<number>();
export const powerSaveBlocker = {
  start(type: string): number {
    const id = nextBlocker++;
    blockers.add(id);
    record('powerSaveBlocker.start', type, id);
    return id;
  },
  stop(id: number): boolean {
    record('powerSaveBlocker.stop', id);
    return blockers.delete(id);
  },
  isStarted: (id: number): boolean => blockers.has(id),
};

export const crashReporter = {
  start(options: unknown): void {
    record('crashReporter.start', options);
  },
  addExtraParameter(key: string, value: string): void {
    record('crashReporter.addExtraParameter', key, value);
  },
  removeExtraParameter(key: string): void {
    record('crashReporter.removeExtraParameter', key);
  },
  getParameters: (): Record<string, string> => ({}),
  getUploadedReports: (): unknown[] => [],
  getLastCrashReport: (): unknown => null,
  getUploadToServer: (): boolean => false,
  setUploadToServer(upload: boolean): void {
    record('crashReporter.setUploadToServer', upload);
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    record('shell.openExternal', url);
  },
  async openPath(path: string): Promise<string> {
    record('shell.openPath', path);
    return '';
  },
  showItemInFolder(path: string): void {
    record('shell.showItemInFolder', path);
  },
};

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    record('Menu.setApplicationMenu', menu);
  },
  buildFromTemplate(template: unknown): unknown {
    record('Menu.buildFromTemplate', template);
    return { template };
  },
};

export default {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  shell,
  webContents,
};

// ---------------------------------------------------------------- the test's side

function contentsOf(id: unknown): WebContents {
  const found = typeof id === 'number' ? allContents.get(id) : undefined;
  if (!found) throw new Error(`No webContents ${String(id)}`);
  return found;
}

async function handleRequest(request: ControlRequest): Promise<unknown> {
  switch (request.op) {
    case 'invoke': {
      const contents = contentsOf(request.webContentsId);
      const frame = request.frame === 'sub' ? contents.subFrame : contents.mainFrame;
      const handler = ipcMain.handlers.get(request.channel);
      if (!handler) throw new Error(`No handler registered for '${request.channel}'`);
      const event = {
        type: 'frame',
        sender: contents,
        senderFrame: frame,
        frameId: frame.isMain ? 1 : 2,
        processId: 1,
      };
      // Electron hands the handler a structured clone of what the renderer sent.
      return handler(event, ...structuredClone(request.args));
    }
    case 'emit': {
      const event = newEvent(request.url === undefined ? {} : { url: request.url });
      const target =
        request.target === 'app'
          ? app
          : request.target === 'window'
            ? BrowserWindow.getAllWindows().find((w) => w.id === request.targetId)
            : contentsOf(request.targetId);
      if (!target) throw new Error(`No ${request.target} ${String(request.targetId)}`);
      if (request.target === 'webContents' && request.event === 'render-process-gone')
        (target as WebContents).markCrashed();
      target.emit(request.event, event, ...request.args);
      return { defaultPrevented: event.defaultPrevented };
    }
    case 'window-open': {
      const contents = contentsOf(request.webContentsId);
      if (!contents.windowOpenHandler) return null;
      return contents.windowOpenHandler({
        url: request.url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: contents.getURL(), policy: 'default' },
      });
    }
    case 'page-loaded':
      contentsOf(request.webContentsId).pageLoaded();
      return null;
    case 'foreign-contents':
      return new WebContents().id;
    case 'navigate': {
      const contents = contentsOf(request.webContentsId);
      contents.mainFrame.url = request.url;
      return null;
    }
    case 'fetch': {
      const scheme = new URL(request.url).protocol.slice(0, -1);
      const handler = defaultSession.protocol.handlers.get(scheme);
      if (!handler) return { status: null };
      const response = await handler(new Request(request.url, { method: request.method ?? 'GET' }));
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: Buffer.from(await response.arrayBuffer()),
      };
    }
    case 'web-request': {
      const listener = defaultSession.webRequest.listeners.get(request.event);
      if (!listener) return null;
      return await new Promise((resolve) =>
        listener(
          { url: request.url, method: 'GET', resourceType: 'mainFrame', ...(request.details ?? {}) },
          resolve,
        ),
      );
    }
    case 'permission': {
      if (request.kind === 'check')
        return (
          defaultSession.permissionCheckHandler?.(null, request.permission, 'app://terminal', {}) ?? null
        );
      if (request.kind === 'device')
        return (
          defaultSession.devicePermissionHandler?.({
            deviceType: request.permission,
            origin: 'app://terminal',
          }) ?? null
        );
      const handler = defaultSession.permissionRequestHandler;
      if (!handler) return null;
      return await new Promise((resolve) => handler(null, request.permission, resolve, {}));
    }
    case 'session-event': {
      const event = newEvent();
      defaultSession.emit(request.event, event, ...request.args);
      return { defaultPrevented: event.defaultPrevented };
    }
    case 'quit':
      app.quit();
      return null;
    case 'close-windows':
      app.closeAllForTest();
      return null;
    case 'plan-save-dialog':
      plannedSaves.push(request.filePath);
      return null;
    case 'state':
      return {
        ready: app.isReady(),
        windows: BrowserWindow.getAllWindows().map((w) => ({
          id: w.id,
          webContentsId: w.webContents.id,
          visible: w.isVisible(),
          url: w.webContents.getURL(),
        })),
        handlers: [...ipcMain.handlers.keys()],
      };
  }
}

if (process.send) {
  process.on('message', (message: unknown) => {
    const request = message as ControlRequest & { id: number };
    if (typeof request !== 'object' || request === null || typeof request.id !== 'number') return;
    handleRequest(request).then(
      (value) => post({ kind: 'reply', id: request.id, ok: true, value: plain(value) }),
      (error: unknown) =>
        post({
          kind: 'reply',
          id: request.id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  // Electron's message loop keeps the app running until it quits; the test going away ends it too.
  process.on('disconnect', () => process.exit(70));
}
