// Electron's side of the contract: one ipcMain handle per request channel, all
// through the dispatcher, and events sent to the app's own windows.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { requestChannels } from '../../shared/ipc/channels.ts';
import type { Dispatch } from './dispatcher.ts';
import { ipcEventName, ipcRequestName } from './electron-channels.ts';
import type { EventHub } from './events.ts';
import type { SenderContext } from './sender.ts';

function senderOf(event: IpcMainInvokeEvent): SenderContext {
  const frame = event.senderFrame;
  return {
    transport: 'electron',
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? '',
    mainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

export function registerIpc(dispatch: Dispatch): () => void {
  for (const channel of requestChannels) {
    ipcMain.handle(ipcRequestName(channel), (event, payload: unknown) =>
      dispatch(channel, payload, senderOf(event)),
    );
  }
  return () => {
    for (const channel of requestChannels) ipcMain.removeHandler(ipcRequestName(channel));
  };
}

/** Pushes events to one window; status events are replayed after every page load. */
export function connectWindow(window: BrowserWindow, events: EventHub): void {
  let disconnect: (() => void) | null = null;
  const attach = (): void => {
    disconnect?.();
    disconnect = events.connect((event, payload) => {
      if (!window.isDestroyed()) window.webContents.send(ipcEventName(event), payload);
    });
  };
  window.webContents.on('did-finish-load', attach);
  window.on('closed', () => disconnect?.());
}
