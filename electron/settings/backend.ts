// The slice of conf the main process uses (the app and `ccpos` both keep their
// JSON files with it), so services can be tested against a memory backend too.
export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
}

/** A backend kept in memory, for demo terminals that must not touch the disk. */
export function memoryBackend(initial: Record<string, unknown> = {}): KeyValueBackend {
  const values = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return {
    get: (key) => structuredClone(values.get(key)),
    set: (key, value) => void values.set(key, structuredClone(value)),
    delete: (key) => void values.delete(key),
    has: (key) => values.has(key),
  };
}
