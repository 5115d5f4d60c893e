// Electron main process entry. The shell (window hardening, IPC, demo mode)
// grows here; services live in their own folders under electron/.
import { app, BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';

async function openCheckoutWindow(): Promise<void> {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  });
  await window.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
}

app.whenReady().then(openCheckoutWindow, (error: unknown) => {
  console.error('The checkout window could not open:', error);
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());
