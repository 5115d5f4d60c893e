// The screens in Chromium with the app's own main process behind them, no preview host:
// the built main bundle runs under the Electron stand-in (test/support/electron-stand-in/),
// the built preload runs in the page before the screens and puts `window.pos` there, and
// its `ipcRenderer` reaches that process's `ipcMain` handlers as the window's main frame.
// Every request of the page passes main's own `webRequest` policy and is answered by main's
// `app://` protocol handler (Chromium cannot load a custom scheme here, so the page's origin
// is http://terminal.test/ and its paths are app://terminal/'s). When main reloads the
// window (a renderer that died), the page reloads.
import type { Browser, Page, Route } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureShellBuilt } from '../../support/electron-stand-in/build.ts';
import { configureTerminal } from '../../support/electron-stand-in/configured.ts';
import { launchMain, type MainProcess } from '../../support/electron-stand-in/main-process.ts';
import { preloadScript } from '../../support/electron-stand-in/preload.ts';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.ts';

const pageOrigin = 'http://terminal.test';
const appOrigin = 'app://terminal';

export interface ShellLane {
  page: Page;
  main: MainProcess;
  /** The app window's webContents in main. */
  webContentsId: number;
  sandbox: TestSandbox;
  dataDir: string;
  /** The Electron channels the page invoked, in order. */
  invoked: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export { ensureShellBuilt };

/** The page's URL as main knows it. */
function appUrl(url: string): string {
  return url.startsWith(`${pageOrigin}/`) ? `${appOrigin}${url.slice(pageOrigin.length)}` : url;
}

export async function openShellLane(browser: Browser, options: { cashierPin: string }): Promise<ShellLane> {
  const sandbox = await startTestSandbox();
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-e2e-shell-'));
  const keychainKey = randomBytes(32);
  await configureTerminal({
    dataDir,
    projectUrl: sandbox.projectUrl,
    keychainKey,
    cashierPin: options.cashierPin,
  });
  const main = launchMain({ dataDir, keychainKey, pages: 'external' });
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const pageErrors: string[] = [];
  try {
    const window = await main.ready();
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    const invoked: string[] = [];
    await page.exposeFunction('__standInInvokeMain', (channel: string, args: unknown[]) => {
      invoked.push(channel);
      return main.invokeRaw(channel, args, { webContentsId: window.webContentsId });
    });
    await page.addInitScript({
      content:
        `globalThis.__standInInvoke = (channel, args) => ` +
        `window.__standInInvokeMain(channel, args);\n${preloadScript()}`,
    });
    await context.route('**/*', (route) => serve(main, route));
    page.on(
      'load',
      () => void main.request({ op: 'page-loaded', webContentsId: window.webContentsId }).catch(() => {}),
    );
    main.onSend((message) => {
      if (message.webContentsId !== window.webContentsId) return;
      // A message that arrives while the page is being replaced is lost, as in Electron.
      void page
        .evaluate(
          ([channel, payload]) =>
            (globalThis as unknown as { __standInEmit(c: unknown, p: unknown): void }).__standInEmit(
              channel,
              payload,
            ),
          [message.channel, message.args[0]] as const,
        )
        .catch(() => {});
    });
    main.onCall((call) => {
      if (call.api === 'webContents.reload' && call.args[0] === window.webContentsId)
        void page.reload().catch(() => {});
    });
    const first = main.callsTo('webContents.loadURL')[0]?.[1];
    if (typeof first !== 'string' || !first.startsWith(`${appOrigin}/`))
      throw new Error(`main loaded ${String(first)}, not an app page`);
    await page.goto(`${pageOrigin}${first.slice(appOrigin.length)}`);
    await page.locator('[data-screen="signin"]').waitFor();
    return {
      page,
      main,
      webContentsId: window.webContentsId,
      sandbox,
      dataDir,
      invoked,
      pageErrors,
      async close() {
        await context.close();
        if (main.running) await main.quit();
        await sandbox.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    await main.kill();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Main's session decides whether a request may go out; main's app:// handler answers it. */
async function serve(main: MainProcess, route: Route): Promise<void> {
  const url = appUrl(route.request().url());
  const verdict = await main
    .request<{ cancel: boolean } | null>({ op: 'web-request', event: 'onBeforeRequest', url })
    .catch(() => ({ cancel: true }));
  if (verdict?.cancel !== false) return route.abort('blockedbyclient');
  const answer = await main.request<{
    status: number | null;
    headers?: Record<string, string>;
    body?: Uint8Array;
  }>({ op: 'fetch', url });
  if (answer.status === null) return route.abort('failed');
  return route.fulfill({
    status: answer.status,
    headers: answer.headers ?? {},
    body: Buffer.from(answer.body ?? new Uint8Array()),
  });
}
