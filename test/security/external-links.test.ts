// A compromised page asks its window to open links: https, a file, a custom scheme.
// Electron itself cannot run here, so its module is replaced by a recorder and the real
// createHardenedWindow is driven through the handler it registers.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => ({
  openExternal: [] as string[],
  windowOpen: null as null | ((details: { url: string }) => unknown),
}));

vi.mock('electron', () => {
  const contents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      recorded.windowOpen = handler;
    },
    on: () => {},
    closeDevTools: () => {},
  };
  class BrowserWindow {
    webContents = contents;
    once() {}
    show() {}
    async loadURL() {}
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      setDevicePermissionHandler: () => {},
      on: () => {},
      webRequest: { onHeadersReceived: () => {}, onBeforeRequest: () => {} },
      protocol: { handle: () => {} },
    },
  };
  const protocol = { registerSchemesAsPrivileged: () => {} };
  const shell = { openExternal: async (url: string) => void recorded.openExternal.push(url) };
  return { BrowserWindow, session, shell, protocol, default: { BrowserWindow, session, shell, protocol } };
});

const { createHardenedWindow } = await import('../../electron/window/create-window.ts');

describe('external links from a window', () => {
  beforeEach(() => {
    recorded.openExternal.length = 0;
    recorded.windowOpen = null;
  });

  it('hands no link to the OS browser and opens no window, whatever the page asks for', async () => {
    await createHardenedWindow({
      page: '/app/out/renderer/index.html',
      preload: '/app/out/preload.js',
      development: false,
    });
    expect(recorded.windowOpen).not.toBeNull();
    for (const url of [
      'https://evil.example/phish',
      'https://help.crmcarecloud.com/',
      'http://127.0.0.1:1/',
      'file:///etc/passwd',
      'smb://host/share',
      'ms-settings:',
    ]) {
      expect(recorded.windowOpen?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(recorded.openExternal).toEqual([]);
  });

  it('nothing in the main process calls shell.openExternal', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.ts$/.test(entry.name) && /openExternal/.test(readFileSync(path, 'utf8')))
          offenders.push(path);
      }
    };
    walk(join(import.meta.dirname, '../../electron'));
    expect(offenders).toEqual([]);
  });
});
