// Reference data (stores, payment types, ...) kept on the terminal's disk so it survives
// a restart and is there when CareCloud is not. A damaged file is ignored, not fatal.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, replacePrivateFile } from '../config/file-modes.ts';

export interface SavedList {
  language: string;
  /** ISO instant of the download. */
  fetchedAt: string;
  items: unknown[];
}

interface FileShape {
  version: 1;
  lists: Record<string, SavedList>;
}

function isSavedList(value: unknown): value is SavedList {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.language === 'string' && typeof v.fetchedAt === 'string' && Array.isArray(v.items);
}

const savedKey = (kind: string, language: string): string => `${kind}@${language}`;

export class ReferenceStore {
  #lists: Record<string, SavedList> | undefined;

  /** `file` undefined keeps the lists in memory only. */
  constructor(private readonly file: string | undefined) {}

  /** The list last downloaded in `language` (names differ between languages). */
  read(kind: string, language: string): SavedList | undefined {
    const lists = this.#load();
    // Files written before lists were kept per language hold one copy under the bare kind.
    const saved = lists[savedKey(kind, language)] ?? lists[kind];
    return saved && saved.language === language ? saved : undefined;
  }

  write(kind: string, list: SavedList): void {
    const lists = this.#load();
    lists[savedKey(kind, list.language)] = list;
    if (!this.file) return;
    ensurePrivateDir(dirname(this.file));
    replacePrivateFile(this.file, JSON.stringify({ version: 1, lists } satisfies FileShape));
  }

  #load(): Record<string, SavedList> {
    if (this.#lists) return this.#lists;
    this.#lists = {};
    if (!this.file) return this.#lists;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return this.#lists;
    }
    const lists =
      typeof parsed === 'object' && parsed !== null ? (parsed as { lists?: unknown }).lists : undefined;
    if (typeof lists === 'object' && lists !== null) {
      for (const [kind, list] of Object.entries(lists)) if (isSavedList(list)) this.#lists[kind] = list;
    }
    return this.#lists;
  }
}
