// The preload bundle (`out/preload/preload.cjs`) run as Electron runs a sandboxed preload:
// a function given a `require` that knows no Node module, so a preload that needs Node fails here as it would in
// the app. The same script runs in a Node vm (the preload test) and in Chromium before
// the page's own scripts (the end-to-end test), where `exposeInMainWorld` puts the
// result on `window`.
// The host provides `__standInInvoke(channel, args)` (a Promise) and calls
// `__standInEmit(channel, payload)` for a message main sent to the window.
import { readFileSync } from 'node:fs';
import { preloadBundle } from './build.ts';

/** What the script leaves on the global for the host to check. */
export interface PreloadRecord {
  required: string[];
  exposed: string[];
  listening: string[];
}

function standIn(this: void): void {
  const scope = globalThis as unknown as {
    __standInPreload: PreloadRecord;
    __standInInvoke: (channel: string, args: unknown[]) => Promise<unknown>;
    __standInEmit: (channel: string, payload: unknown) => void;
    __standInRequire: (name: string) => unknown;
  };
  const record: PreloadRecord = { required: [], exposed: [], listening: [] };
  scope.__standInPreload = record;
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]): Promise<unknown> =>
      scope.__standInInvoke(channel, structuredClone(args)),
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      record.listening.push(channel);
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  scope.__standInEmit = (channel: string, payload: unknown): void => {
    for (const listener of [...(listeners.get(channel) ?? [])])
      listener({ sender: ipcRenderer, senderId: 0 }, structuredClone(payload));
  };
  /** The main world gets a copy: functions proxied, data cloned, nothing shared. */
  const across = (value: unknown): unknown => {
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => fn(...args.map(across));
    }
    if (value === null || typeof value !== 'object' || value instanceof Promise) return value;
    if (Array.isArray(value)) return value.map(across);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = across(item);
    return copy;
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      record.exposed.push(key);
      if (key in scope)
        throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      Object.defineProperty(scope, key, {
        value: across(api),
        writable: false,
        configurable: false,
        enumerable: true,
      });
    },
  };
  // A sandboxed preload also gets `events`, `timers` and `url`; this stand-in offers only
  // what the preload uses today, and says so when asked for more.
  scope.__standInRequire = (name: string): unknown => {
    record.required.push(name);
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(
      `module not found: ${name} (a sandboxed preload has only electron, events, timers and url; ` +
        `the stand-in only electron)`,
    );
  };
}

/** A script that sets up the stand-in and runs the preload bundle in it. */
export function preloadScript(): string {
  const bundle = readFileSync(preloadBundle, 'utf8');
  return `(${standIn.toString()})();
(function (require, module, exports) {
${bundle}
})(globalThis.__standInRequire, { exports: {} }, {});`;
}
