// In-memory answers to GETs for as long as CareCloud's `Cache-Control: max-age` allows.

/** Seconds a response may be reused, or 0 when it may not be stored. */
export function cacheLifetimeSeconds(cacheControl: string | null): number {
  if (!cacheControl) return 0;
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.some((d) => d === 'no-store' || d === 'no-cache' || d === 'private=authorization')) return 0;
  for (const directive of directives) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
    if (match) return Math.min(Number(match[1]), 7 * 24 * 3600);
  }
  return 0;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 500,
  ) {}

  /** The stored value, or undefined when there is none or it has expired. */
  get(key: string): unknown {
    if (this.#entries.size === 0) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: unknown, maxAgeSeconds: number): void {
    if (maxAgeSeconds <= 0) return;
    if (this.#entries.size >= this.maxEntries) {
      // Oldest insertion goes first; the cache is a courtesy, not a store.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAt: this.now() + maxAgeSeconds * 1000 });
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
