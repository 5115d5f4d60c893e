// Reference data (stores, payment types, ...) kept on the terminal's disk so it survives
// a restart and is there when CareCloud is not. A damaged file is ignored, not fatal.
// Each project's lists are its own: after a switch to another project the terminal never
// shows the one it left (its stores, its currencies) as this one's.
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
  version: 2;
  /** By project address, then by `kind@language`. */
  projects: Record<string, Record<string, SavedList>>;
}

function isSavedList(value: unknown): value is SavedList {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.language === 'string' && typeof v.fetchedAt === 'string' && Array.isArray(v.items);
}

/** Projects whose lists are kept on disk, the most recently downloaded from. */
const PROJECTS_KEPT = 4;

const savedKey = (kind: string, language: string): string => `${kind}@${language}`;

/** One project however its address was typed (a trailing slash is the same project). */
export const projectKey = (projectUrl: string): string => projectUrl.trim().replace(/\/+$/, '');

export class ReferenceStore {
  #projects: Map<string, Record<string, SavedList>> | undefined;

  /** `file` undefined keeps the lists in memory only. */
  constructor(private readonly file: string | undefined) {}

  /** The list last downloaded from `project` in `language` (names differ between languages). */
  read(project: string, kind: string, language: string): SavedList | undefined {
    const saved = this.#load().get(projectKey(project))?.[savedKey(kind, language)];
    return saved && saved.language === language ? saved : undefined;
  }

  write(project: string, kind: string, list: SavedList): void {
    const projects = this.#load();
    const key = projectKey(project);
    const lists = projects.get(key) ?? {};
    lists[savedKey(kind, list.language)] = list;
    // Newest last; a few projects are kept (the demo's sandbox has a new address each start).
    projects.delete(key);
    projects.set(key, lists);
    for (const old of [...projects.keys()].slice(0, -PROJECTS_KEPT)) projects.delete(old);
    if (!this.file) return;
    ensurePrivateDir(dirname(this.file));
    const shape: FileShape = { version: 2, projects: Object.fromEntries(projects) };
    replacePrivateFile(this.file, JSON.stringify(shape));
  }

  #load(): Map<string, Record<string, SavedList>> {
    if (this.#projects) return this.#projects;
    this.#projects = new Map();
    if (!this.file) return this.#projects;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return this.#projects;
    }
    // Lists saved before they named their project (version 1) are not read: nothing says
    // whose they are. The next download of each replaces them.
    const projects =
      typeof parsed === 'object' && parsed !== null && (parsed as { version?: unknown }).version === 2
        ? (parsed as { projects?: unknown }).projects
        : undefined;
    if (typeof projects !== 'object' || projects === null) return this.#projects;
    for (const [project, lists] of Object.entries(projects)) {
      if (typeof lists !== 'object' || lists === null) continue;
      const valid: Record<string, SavedList> = {};
      for (const [kind, list] of Object.entries(lists)) if (isSavedList(list)) valid[kind] = list;
      this.#projects.set(project, valid);
    }
    return this.#projects;
  }
}
