// The preload exposes the typed IPC contract as `window.pos` and nothing else.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('pos', Object.freeze({}));
