// The slice of conf the main process uses (the app and `ccpos` both keep their
// JSON files with it), so services can be tested against a memory backend too.
export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Several keys in one write (conf rewrites its whole file on each set). */
  set(values: Record<string, unknown>): void;
  delete(key: string): void;
  has(key: string): boolean;
}

/** A backend kept in memory, for demo terminals that must not touch the disk. */
export function memoryBackend(initial: Record<string, unknown> = {}): KeyValueBackend {
  const values = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return {
    get: (key) => structuredClone(values.get(key)),
    set(key: string | Record<string, unknown>, value?: unknown): void {
      const entries = typeof key === 'string' ? [[key, value] as const] : Object.entries(key);
      for (const [name, one] of entries) values.set(name, structuredClone(one));
    },
    delete: (key) => void values.delete(key),
    has: (key) => values.has(key),
  };
}
