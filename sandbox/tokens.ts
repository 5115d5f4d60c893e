// Bearer tokens with a lifetime, and the per-token request budget (a token bucket).
import { randomBytes } from 'node:crypto';

export interface Credentials {
  user_external_application_id: string;
  login: string;
  password: string;
}

interface Issued {
  userId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; userId: string } | { ok: false; reason: 'unknown' | 'expired' };

export class TokenStore {
  #tokens = new Map<string, Issued>();

  constructor(public lifetimeSeconds: number) {}

  issue(userId: string, nowMs: number): { token: string; expiresAt: number } {
    const token = randomBytes(20).toString('hex').toUpperCase().slice(0, 32);
    const expiresAt = nowMs + this.lifetimeSeconds * 1000;
    this.#tokens.set(token, { userId, expiresAt });
    return { token, expiresAt };
  }

  check(token: string, nowMs: number): TokenCheck {
    const issued = this.#tokens.get(token);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (issued.expiresAt <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, userId: issued.userId };
  }

  revoke(token: string): boolean {
    return this.#tokens.delete(token);
  }

  expireAll(): number {
    for (const issued of this.#tokens.values()) issued.expiresAt = 0;
    return this.#tokens.size;
  }
}

export interface RateLimit {
  /** Sustained requests per second per token. */
  perSecond: number;
  /** Requests a token may send at once before the rate applies. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  #buckets = new Map<string, Bucket>();

  constructor(public limit: RateLimit | null) {}

  set(limit: RateLimit | null): void {
    this.limit = limit;
    this.#buckets.clear();
  }

  /** 0 when the request may pass, else the seconds to wait (for Retry-After). */
  take(key: string, nowMs: number): number {
    const limit = this.limit;
    if (!limit) return 0;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit.burst, updatedAt: nowMs };
      this.#buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(
      limit.burst,
      bucket.tokens + ((nowMs - bucket.updatedAt) / 1000) * limit.perSecond,
    );
    bucket.updatedAt = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  }
}
