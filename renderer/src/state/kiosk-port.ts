// What the kiosk's screens ask of the main process: the `kiosk.*` requests and the
// `kiosk.changed` push, as `window.pos` gives them. The state classes depend on this
// port only.
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import type { KioskStatus } from '../../../shared/kiosk.ts';

export type KioskApi = Pick<
  PosApi['kiosk'],
  | 'status'
  | 'identify'
  | 'overview'
  | 'redeem'
  | 'agreements'
  | 'signUp'
  | 'assignCard'
  | 'signOut'
  | 'keepAlive'
  | 'leave'
>;

export interface KioskPort {
  kiosk: KioskApi;
  onChanged(listener: (status: KioskStatus) => void): () => void;
}

/** The port over `window.pos`: the app's own wiring, and the tests'. */
export function kioskPort(pos: Pick<PosApi, 'kiosk' | 'on'>): KioskPort {
  return { kiosk: pos.kiosk, onChanged: (listener) => pos.on('kiosk.changed', listener) };
}

export type KioskSignOutReason = 'done' | 'inactivity' | 'card_removed';

export type {
  KioskAgreement,
  KioskCardOutcome,
  KioskIdentifyPayload,
  KioskMoney,
  KioskOverview,
  KioskPointsExpiry,
  KioskRedemption,
  KioskReward,
  KioskSignedUp,
  KioskSignUpPayload,
  KioskStatus,
  KioskVoucher,
} from '../../../shared/kiosk.ts';
export type { PosError };
