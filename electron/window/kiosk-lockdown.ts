// The kiosk window inside the app: full screen in Electron's kiosk mode, no menu, no
// devtools, the shortcuts that would leave the screens swallowed, no zoom, the
// display kept awake, and a window that closes only when the app quits (the manager's
// PIN on the kiosk's own screen is the way out: `kiosk.leave`). The operating system's
// side (auto-login, a kiosk compositor, a service that restarts the app) is in
// resources/linux/kiosk and resources/windows/kiosk.
import { app, Menu, powerSaveBlocker, type BrowserWindow } from 'electron';
import { leavesKiosk, type KeyInput } from './kiosk-keys.ts';

/** What createHardenedWindow is given for a kiosk. */
export const kioskWindowSize = { kiosk: true, fullscreen: true } as const;

export interface KioskLockdown {
  /** Lets the window close (the app is quitting or relaunching as a till). */
  release(): void;
}

export function lockDownKiosk(window: BrowserWindow): KioskLockdown {
  let closing = false;
  Menu.setApplicationMenu(null);
  window.removeMenu();
  window.setMenuBarVisibility(false);
  window.setKiosk(true);
  const contents = window.webContents;
  contents.on('before-input-event', (event, input) => {
    if (leavesKiosk(input as KeyInput)) event.preventDefault();
  });
  // Pinch and Ctrl+wheel zoom would push the screens off the display.
  void contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  contents.on('devtools-opened', () => contents.closeDevTools());
  contents.on('context-menu', (event) => event.preventDefault());
  window.on('close', (event) => {
    if (!closing) event.preventDefault();
  });
  // Leaving full screen any other way (a compositor's key, a window manager) is undone.
  window.on('leave-full-screen', () => {
    if (!closing) window.setFullScreen(true);
  });
  const awake = powerSaveBlocker.start('prevent-display-sleep');
  const release = (): void => {
    if (closing) return;
    closing = true;
    if (powerSaveBlocker.isStarted(awake)) powerSaveBlocker.stop(awake);
  };
  app.on('before-quit', release);
  // A second start of the app brings this one forward instead.
  app.on('second-instance', () => {
    if (!window.isDestroyed()) {
      window.restore();
      window.focus();
    }
  });
  return { release };
}
