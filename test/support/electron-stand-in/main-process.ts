// The test's side of the harness: runs the built main bundle (`out/main/main.js`) in a
// Node child whose `electron` is the stand-in, collects what the bundle called, and
// replays Electron's side (IPC from a frame, navigation, a crashed renderer, quit).
//   const main = await launchMain({ dataDir });
//   await main.ready();                       // started; the window is loading its page
//   await main.invoke('session.status');      // as the window's main frame sends it
//   await main.quit();                         // resolves with the exit code
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { repositoryRoot } from '../../e2e/support/build.ts';
import { mainBundle } from './build.ts';
import {
  openWithKeychain,
  sealWithKeychain,
  standInEnv,
  type ControlRequest,
  type RecordedCall,
  type StandInMessage,
} from './protocol.ts';

const register = fileURLToPath(new URL('./register.ts', import.meta.url));
const launcher = fileURLToPath(new URL('./launch.ts', import.meta.url));

export interface LaunchOptions {
  /** CCPOS_DATA_DIR of the terminal. */
  dataDir: string;
  /** safeStorage's Linux backend; `gnome_libsecret` when absent. */
  keyBackend?: string;
  /** false: safeStorage offers no encryption. */
  encryption?: boolean;
  /** The OS keychain's key (32 bytes); a new one when absent. */
  keychainKey?: Buffer;
  /** `external`: a browser shows the window's pages (see MainProcess.pageLoaded). */
  pages?: 'external';
  env?: Record<string, string>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WindowState {
  id: number;
  webContentsId: number;
  visible: boolean;
  url: string;
}

export interface SentMessage {
  webContentsId: number;
  channel: string;
  args: unknown[];
}

export interface Sender {
  /** The webContents that sends; the app's first window when absent. */
  webContentsId?: number;
  frame?: 'main' | 'sub';
}

export class MainProcess {
  readonly calls: RecordedCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly keychainKey: Buffer;
  readonly exited: Promise<Exit>;
  stderr = '';
  stdout = '';
  readonly #child: ChildProcess;
  readonly #replies = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly #watchers = new Set<() => void>();
  readonly #sendListeners = new Set<(message: SentMessage) => void>();
  readonly #callListeners = new Set<(call: RecordedCall) => void>();
  #nextId = 1;
  #exit: Exit | null = null;

  constructor(child: ChildProcess, keychainKey: Buffer) {
    this.#child = child;
    this.keychainKey = keychainKey;
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('message', (message: StandInMessage) => this.#receive(message));
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.#exit = { code, signal };
        for (const pending of this.#replies.values())
          pending.reject(
            new Error(`The main process exited (${code ?? signal}) before it answered\n${this.stderr}`),
          );
        this.#replies.clear();
        this.#notify();
        resolve(this.#exit);
      });
    });
  }

  #receive(message: StandInMessage): void {
    if (message.kind === 'record') {
      this.calls.push(message.call);
      for (const listener of this.#callListeners) listener(message.call);
    } else if (message.kind === 'send') {
      const sent = { webContentsId: message.webContentsId, channel: message.channel, args: message.args };
      this.sent.push(sent);
      for (const listener of this.#sendListeners) listener(sent);
    } else if (message.kind === 'reply') {
      const pending = this.#replies.get(message.id);
      this.#replies.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(message.error));
    }
    this.#notify();
  }

  #notify(): void {
    for (const watcher of [...this.#watchers]) watcher();
  }

  get running(): boolean {
    return this.#exit === null;
  }

  /** The arguments of every recorded call to `api`, in order. */
  callsTo(api: string): unknown[][] {
    return this.calls.filter((call) => call.api === api).map((call) => call.args);
  }

  /** Resolves once `test` holds over what was recorded; rejects when the process ends first. */
  until<T>(test: () => T | undefined | null | false, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = test();
        if (found !== undefined && found !== null && found !== false) {
          this.#watchers.delete(check);
          resolve(found);
        } else if (this.#exit) {
          this.#watchers.delete(check);
          reject(
            new Error(
              `The main process exited (${this.#exit.code ?? this.#exit.signal}) before ${what}\n${this.stderr}`,
            ),
          );
        }
      };
      this.#watchers.add(check);
      check();
    });
  }

  /** The terminal started, registered its IPC and asked its window to load the page. */
  async ready(): Promise<WindowState> {
    await this.until(
      () => this.calls.some((call) => call.api === 'webContents.loadURL'),
      'its window loaded a page',
    );
    const state = await this.state();
    const window = state.windows[0];
    if (!window) throw new Error('No window after the page loaded');
    return window;
  }

  request<T = unknown>(request: ControlRequest): Promise<T> {
    if (this.#exit) return Promise.reject(new Error('The main process has exited'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#replies.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // `id` is the reply's; a request names its target otherwise.
      this.#child.send({ ...request, id });
    });
  }

  state(): Promise<{ ready: boolean; windows: WindowState[]; handlers: string[] }> {
    return this.request({ op: 'state' });
  }

  /** An `ipcRenderer.invoke` of a raw Electron channel name (`pos:session.status`). */
  async invokeRaw(channel: string, args: unknown[], from: Sender = {}): Promise<unknown> {
    const webContentsId = from.webContentsId ?? (await this.ready()).webContentsId;
    return this.request({ op: 'invoke', webContentsId, frame: from.frame ?? 'main', channel, args });
  }

  /** A contract request as the preload sends it. */
  invoke<T = unknown>(channel: string, payload?: unknown, from: Sender = {}): Promise<T> {
    return this.invokeRaw(`pos:${channel}`, payload === undefined ? [] : [payload], from) as Promise<T>;
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    this.#callListeners.add(listener);
    return () => this.#callListeners.delete(listener);
  }

  onSend(listener: (message: SentMessage) => void): () => void {
    this.#sendListeners.add(listener);
    return () => this.#sendListeners.delete(listener);
  }

  /** Electron's app.quit(), as the window manager or the OS asks for it; resolves with the exit. */
  async quit(): Promise<Exit> {
    await this.request({ op: 'quit' }).catch(() => {});
    return this.exited;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (this.#exit) return this.exited;
    this.#child.kill(signal);
    return this.exited;
  }

  /** The password ciphertext as this process's safeStorage writes it (base64, as settings.json keeps it). */
  encryptForKeychain(plainText: string): string {
    return sealWithKeychain(this.keychainKey, plainText).toString('base64');
  }

  decryptFromKeychain(base64: string): string {
    return openWithKeychain(this.keychainKey, Buffer.from(base64, 'base64'));
  }
}

export function keychainCiphertext(key: Buffer, plainText: string): string {
  return sealWithKeychain(key, plainText).toString('base64');
}

/** Starts the built main bundle under the stand-in; build it first with ensureShellBuilt(). */
export function launchMain(options: LaunchOptions): MainProcess {
  const keychainKey = options.keychainKey ?? randomBytes(32);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CCPOS_DATA_DIR: options.dataDir,
    [standInEnv.keychainKey]: keychainKey.toString('hex'),
    [standInEnv.appData]: options.dataDir,
    ...(options.keyBackend ? { [standInEnv.keyBackend]: options.keyBackend } : {}),
    ...(options.encryption === false ? { [standInEnv.encryption]: 'unavailable' } : {}),
    ...(options.pages ? { [standInEnv.pages]: options.pages } : {}),
    ...options.env,
  };
  // vitest's own settings must not leak into the app's process.
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  delete env.NODE_ENV;
  delete env.CCPOS_DEVTOOLS;
  const child = fork(launcher, [mainBundle], {
    cwd: repositoryRoot,
    env,
    execArgv: ['--import', register],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  return new MainProcess(child, keychainKey);
}
