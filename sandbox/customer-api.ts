// The Customer API's own state: device tokens (one per device and application, no
// expiry, replaced by a new one for the same device), the customer logged in on each,
// the short-lived login codes a mobile app shows, and the password set-up messages
// "sent". Kept beside the project, like the enterprise tokens: a reset keeps them.
import { randomBytes, randomInt } from 'node:crypto';

export interface DeviceRecord {
  token: string;
  deviceId: string;
  applicationId: string;
  language: string;
  /** The customer logged in on this token, or null. */
  customerId: string | null;
}

export interface AppLoginCodeRecord {
  token: string;
  requestId: string;
  customerId: string;
  /** The application the code is for (the kiosk's), as the issuing app asked. */
  applicationId: string;
  expiresAtMs: number;
}

export interface SentMessage {
  at: string;
  channel_id: string;
  recipient: string;
  /** The customer the recipient belongs to; null when no customer has it (nothing is really sent then). */
  customer_id: string | null;
  kind: 'password_setup';
}

/** How long a mobile app's login code is good for. */
export const APP_LOGIN_CODE_SECONDS = 300;

export class CustomerApiState {
  #tokens = new Map<string, DeviceRecord>();
  #byDevice = new Map<string, string>();
  #codes = new Map<string, AppLoginCodeRecord>();
  readonly outbox: SentMessage[] = [];
  /** Operations this project does not allow on the Customer API (CareCloud's "not allowed in this interface"). */
  readonly notAllowed = new Set<string>();

  constructor(
    /** External applications the project has for the Customer API. */
    readonly applications: ReadonlySet<string>,
  ) {}

  /** A new token for this device and application; the previous one for the same pair stops working. */
  createToken(deviceId: string, applicationId: string, language: string): DeviceRecord {
    const key = `${applicationId}\u0000${deviceId}`;
    const previous = this.#byDevice.get(key);
    if (previous) this.#tokens.delete(previous);
    const record: DeviceRecord = {
      token: randomBytes(36).toString('hex'),
      deviceId,
      applicationId,
      language,
      customerId: null,
    };
    this.#tokens.set(record.token, record);
    this.#byDevice.set(key, record.token);
    return record;
  }

  device(token: string): DeviceRecord | undefined {
    return this.#tokens.get(token);
  }

  /** Drops every device token (as if each device had been given a new one elsewhere). */
  revokeAll(): number {
    const count = this.#tokens.size;
    this.#tokens.clear();
    this.#byDevice.clear();
    return count;
  }

  /** A login code for `customerId`, valid for APP_LOGIN_CODE_SECONDS, usable once. */
  issueAppLoginCode(
    customerId: string,
    applicationId: string,
    nowMs: number,
    kind: 'alphanumeric' | 'numeric' = 'alphanumeric',
  ): AppLoginCodeRecord {
    const alphabet = kind === 'numeric' ? '0123456789' : 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    let token: string;
    do {
      token = '';
      for (let i = 0; i < 6; i++) token += alphabet[randomInt(alphabet.length)];
    } while (this.#codes.has(token));
    const record: AppLoginCodeRecord = {
      token,
      requestId: randomBytes(36).toString('hex'),
      customerId,
      applicationId,
      expiresAtMs: nowMs + APP_LOGIN_CODE_SECONDS * 1000,
    };
    this.#codes.set(token, record);
    return record;
  }

  appLoginCode(token: string): AppLoginCodeRecord | undefined {
    return this.#codes.get(token);
  }

  useAppLoginCode(token: string): void {
    this.#codes.delete(token);
  }

  expireAppLoginCodes(): number {
    for (const code of this.#codes.values()) code.expiresAtMs = 0;
    return this.#codes.size;
  }
}
