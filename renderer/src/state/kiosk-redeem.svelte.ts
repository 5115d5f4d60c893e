// Redeeming a reward at the kiosk: asked, confirmed once, then the new voucher shown.
// Each confirmation carries its own id, fixed when it is asked, so a double tap or a
// retry can never make a second voucher.
import type { KioskApi, KioskRedemption, KioskReward, PosError } from './kiosk-port.ts';

export type RedeemState =
  | { phase: 'none' }
  | { phase: 'confirming'; reward: KioskReward; confirmationId: string }
  | { phase: 'sending'; reward: KioskReward; confirmationId: string }
  | { phase: 'done'; reward: KioskReward; redemption: KioskRedemption }
  | { phase: 'failed'; reward: KioskReward; error: PosError };

export class KioskRedeem {
  readonly #kiosk: KioskApi;
  readonly #newId: () => string;
  #state = $state.raw<RedeemState>({ phase: 'none' });

  constructor(kiosk: KioskApi, newId: () => string = () => crypto.randomUUID()) {
    this.#kiosk = kiosk;
    this.#newId = newId;
  }

  get state(): RedeemState {
    return this.#state;
  }
  get sending(): boolean {
    return this.#state.phase === 'sending';
  }

  ask(reward: KioskReward): void {
    if (this.#state.phase === 'sending') return;
    this.#state = { phase: 'confirming', reward, confirmationId: this.#newId() };
  }

  /** The customer confirmed: sent once; every further tap while it is on its way is ignored. */
  async confirm(): Promise<KioskRedemption | null> {
    const asked = this.#state;
    if (asked.phase !== 'confirming') return null;
    this.#state = { phase: 'sending', reward: asked.reward, confirmationId: asked.confirmationId };
    const result = await this.#kiosk.redeem({
      rewardId: asked.reward.id,
      confirmationId: asked.confirmationId,
    });
    // Signed out (or cancelled) while it was on its way: nothing of it is shown.
    if (this.#state.phase !== 'sending' || this.#state.confirmationId !== asked.confirmationId) return null;
    this.#state = result.ok
      ? { phase: 'done', reward: asked.reward, redemption: result.value }
      : { phase: 'failed', reward: asked.reward, error: result.error };
    return result.ok ? result.value : null;
  }

  cancel(): void {
    if (this.#state.phase === 'sending') return;
    this.#state = { phase: 'none' };
  }

  clear(): void {
    this.#state = { phase: 'none' };
  }
}
