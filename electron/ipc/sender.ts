// Who sent an IPC message. Electron IPC and the web preview both describe their
// sender this way so one check guards both.
import { isAppPage } from '../window/policy.ts';
export type SenderContext =
  | {
      transport: 'electron';
      /** webContents id of the sending window. */
      webContentsId: number;
      /** URL of the frame that sent the message. */
      frameUrl: string;
      mainFrame: boolean;
    }
  | {
      transport: 'preview';
      /** The preview host authenticated this connection with a single-use ticket and its origin. */
      connectionId: number;
      origin: string;
    };

export type SenderCheck = (sender: SenderContext) => boolean;

/**
 * Electron senders: only the main frame of one of the app's own windows, showing
 * the app's own page from `rendererRoot` (app://terminal/ in the app).
 */
export function electronSenderCheck(options: {
  windowIds: () => ReadonlySet<number>;
  rendererRoot: string;
}): SenderCheck {
  return (sender) => {
    if (sender.transport !== 'electron') return false;
    if (!sender.mainFrame || !options.windowIds().has(sender.webContentsId)) return false;
    return isAppPage(sender.frameUrl, options.rendererRoot);
  };
}

/** Preview senders: connections the preview host itself accepted. */
export function previewSenderCheck(acceptedConnections: ReadonlySet<number>): SenderCheck {
  return (sender) => sender.transport === 'preview' && acceptedConnections.has(sender.connectionId);
}
