// How contract channels are named on Electron's IPC: one handle per request,
// one message name per event. Shared by the preload and the main process.
import type { EventName, RequestChannel } from '../../shared/ipc/channels.ts';

export const ipcRequestName = (channel: RequestChannel): string => `pos:${channel}`;
export const ipcEventName = (event: EventName): string => `pos-event:${event}`;
