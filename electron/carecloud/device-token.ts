// The Customer API's device token: created once by `POST /tokens` for this installation,
// kept by the caller (encrypted) and reused; it does not expire. It stops working only
// when another token is created for the same device id and application, which is also
// how a refused one is replaced. Concurrent callers wait for one creation.
import type { TokenSource } from './pipeline.ts';

/** How the kiosk names itself to CareCloud (`device` of `POST /tokens`). */
export interface DeviceIdentity {
  /** Unique per installation: CareCloud replaces the token of a device id it already knows. */
  deviceId: string;
  system: string;
  name: string;
  type: string;
}

export class DeviceToken implements TokenSource {
  #current: string | undefined;
  #creating: Promise<string> | undefined;

  constructor(
    private readonly create: () => Promise<string>,
    initial: string | undefined,
    /** Told every newly created token, to store it; a failure here fails the call that needed it. */
    private readonly onCreated?: (token: string) => void | Promise<void>,
  ) {
    this.#current = initial?.trim() || undefined;
  }

  token(): Promise<string> {
    return this.#current ? Promise.resolve(this.#current) : this.#createOnce();
  }

  /** `stale` was refused: a new token, shared with every caller that saw the same one refused. */
  refresh(stale: string): Promise<string> {
    if (this.#current && this.#current !== stale) return Promise.resolve(this.#current);
    this.#current = undefined;
    return this.#createOnce();
  }

  /** The token held now, if any (never logged; the caller stores it encrypted). */
  get current(): string | undefined {
    return this.#current;
  }

  /** Stop using `stale`; the next call creates a new token, which also ends any customer login on the old one. */
  discard(stale: string): void {
    if (this.#current === stale) this.#current = undefined;
  }

  #createOnce(): Promise<string> {
    if (!this.#creating) {
      const attempt = this.create().then(async (token) => {
        this.#current = token;
        await this.onCreated?.(token);
        return token;
      });
      this.#creating = attempt;
      const clear = () => {
        if (this.#creating === attempt) this.#creating = undefined;
      };
      attempt.then(clear, clear);
    }
    return this.#creating;
  }
}
