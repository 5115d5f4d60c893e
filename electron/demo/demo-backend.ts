// What demo mode needs from the embedded sandbox: where it listens, how to sign in,
// and the switch that makes it look like CareCloud went away.
import type { Credentials } from '../carecloud/auth.ts';
import type { SandboxControl } from '../../sandbox/server.ts';

export interface DemoBackend {
  projectUrl: string;
  credentials: Credentials;
  setOutage(on: boolean): Promise<void>;
  readonly outage: boolean;
  /** The external application a demo kiosk names to the sandbox's Customer API. */
  kioskApplicationId?: string;
  /**
   * The QR code text the customer's mobile app would show for the owner of this card (the sandbox mints it; demo and
   * tests).
   */
  appLoginCode?(cardNumber: string): string;
  /**
   * The embedded sandbox's in-process controls, where the backend is the sandbox (tests make CareCloud refuse with
   * them).
   */
  sandbox?: SandboxControl;
  /** The store a demo terminal stands in when none is chosen yet. */
  defaultStoreId?: string;
  close(): Promise<void>;
}

export type StartDemoBackend = () => Promise<DemoBackend>;
