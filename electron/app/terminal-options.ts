// What the app gives a terminal to start with, and a sign-in of its own: shared by the till's
// composition root (terminal.ts) and the kiosk's (kiosk-terminal.ts).
import type { StartDemoBackend } from '../demo/demo-backend.ts';
import type { HidTransportLoader } from '../hid/transport.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import type { UpdateDesk } from '../ipc/handlers/services.ts';
import type { Logger } from '../log/logger.ts';
import type { TerminalSession } from '../operators/session.ts';
import type { KeyValueBackend } from '../settings/backend.ts';
import type { SecretCipher } from '../settings/cipher.ts';
import type { SyncPolicy } from '../sync/engine.ts';

export interface TerminalStores {
  settings: KeyValueBackend;
  operators: KeyValueBackend;
  customerCache: KeyValueBackend;
}

export interface TerminalOptions {
  /** Journal, reference lists and logs live here. */
  dataDir: string;
  stores: TerminalStores;
  cipher: SecretCipher;
  /** Starts the embedded sandbox when no CareCloud project is configured. */
  startDemo: StartDemoBackend;
  /** Demo mode whatever the settings say (the web preview). */
  forceDemo?: boolean;
  logger?: Logger;
  /**
   * Only where a test must differ from the settings (shorter waits); everything else comes from settings.sync and the
   * timeouts.
   */
  syncPolicy?: Partial<SyncPolicy>;
  /** Who claims journal entries: `app` or `preview`. */
  label?: string;
  /** node-hid in the app; absent where no devices may be opened (the web preview, tests). */
  hidLoader?: HidTransportLoader;
  /** The clock for idle sign-out and PIN locks. */
  now?: () => number;
  /** The app's update service, once it runs (absent in the preview and tests). */
  updates?: () => UpdateDesk | null;
  /** The app's save dialog for exports asked for through the screen (absent in the preview and tests). */
  saveDialog?: (suggestedName: string, webContentsId: number) => Promise<string | null>;
  /**
   * A manager made this till a kiosk on the settings screen: restart, so the app comes up as one (startApp reads the
   * mode).
   */
  onEnterKiosk?: () => void;
}

export interface OwnSession {
  readonly session: TerminalSession;
  readonly dispatch: Dispatch;
  /** Signs the operator out and stops the idle timer. */
  close(): void;
}
