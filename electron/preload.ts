// The preload exposes the typed IPC contract as `window.pos` and nothing else:
// one method per contract channel and `on(event, listener)`. Listeners receive
// only the payload, never Electron's event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createPosApi } from '../shared/ipc/api.ts';
import type { Result } from '../shared/ipc/result.ts';
import { ipcEventName, ipcRequestName } from './ipc/electron-channels.ts';

const pos = createPosApi({
  invoke: (channel, payload) =>
    ipcRenderer.invoke(ipcRequestName(channel), payload) as Promise<Result<unknown>>,
  subscribe(event, listener) {
    const name = ipcEventName(event);
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(name, forward);
    return () => ipcRenderer.removeListener(name, forward);
  },
});

contextBridge.exposeInMainWorld('pos', pos);
