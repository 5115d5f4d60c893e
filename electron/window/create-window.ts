// Every window of the app is made here, hardened the same way: sandboxed,
// isolated, no Node, strict CSP, no navigation, no new windows, no external links,
// no permissions.
import { BrowserWindow, session, type BrowserWindowConstructorOptions, type Session } from 'electron';
import { dirname } from 'node:path';
import { serveApp } from './app-protocol.ts';
import { appPage, appRoot } from './app-scheme.ts';
import { contentSecurityPolicy, isAppPage, windowOpenAnswer } from './policy.ts';

export interface WindowOptions {
  /** Absolute path of the renderer's index.html; its folder is served on app://terminal/. */
  page: string;
  /** Absolute path of the preload script. */
  preload: string;
  development: boolean;
  size?: Pick<
    BrowserWindowConstructorOptions,
    'width' | 'height' | 'minWidth' | 'minHeight' | 'fullscreen' | 'kiosk'
  >;
  /** Runs before the page loads, so IPC and events know the window from its first message. */
  beforeLoad?: (window: BrowserWindow) => void;
}

const hardenedSessions = new WeakSet<Session>();

/** Sessions deny by default: no permissions, CSP on every response, no downloads. */
function hardenSession(target: Session, rendererRoot: string, rendererDir: string): void {
  if (hardenedSessions.has(target)) return;
  hardenedSessions.add(target);
  serveApp(target, rendererDir);
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  target.on('will-download', (event) => event.preventDefault());
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  // No remote content, and no file outside the renderer folder: only the app's own files.
  target.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      isAppPage(details.url, rendererRoot) ||
      details.url.startsWith('devtools:') ||
      details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
}

/** Crashes within this window count towards a crash loop. */
const crashWindowMs = 60_000;
const crashesBeforeSlowing = 3;
const slowReloadMs = 10_000;

/**
 * A renderer that dies (out of memory, a Chromium fault, killed) leaves a blank till: load
 * the screens again. The session, the journal and the parked sales live in main, so the
 * cashier carries on. A page that keeps crashing is reloaded more slowly, not in a busy loop.
 */
function reloadWhenRendererDies(window: BrowserWindow): void {
  const crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && crashes[0]! < now - crashWindowMs) crashes.shift();
    const reload = (): void => {
      if (!window.isDestroyed()) window.webContents.reload();
    };
    if (crashes.length > crashesBeforeSlowing) setTimeout(reload, slowReloadMs).unref();
    else reload();
  });
}

/** The screens are served from app://terminal/, never from file://. */
export const rendererRoot = appRoot;

export async function createHardenedWindow(options: WindowOptions): Promise<BrowserWindow> {
  hardenSession(session.defaultSession, rendererRoot, dirname(options.page));
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    // Small enough to fit a 1024x768 lane screen with its window frame.
    minWidth: 800,
    minHeight: 600,
    ...options.size,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
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
      devTools: options.development,
      safeDialogs: true,
    },
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => windowOpenAnswer(url));
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, rendererRoot)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (!options.development) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
  reloadWhenRendererDies(window);
  window.once('ready-to-show', () => window.show());
  options.beforeLoad?.(window);
  await window.loadURL(appPage);
  return window;
}
