// The data folder holds card numbers, PIN hashes, customers and exports: only the
// account that runs the terminal may read it. Modes are set explicitly (chmod after
// create) because a process's umask only ever removes bits and is often 022.
import {
  chmodSync,
  closeSync,
  createWriteStream,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  writeSync,
  type WriteStream,
} from 'node:fs';
import { dirname, join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** For conf: its JSON files are written 0600. */
export const privateStoreOptions = { configFileMode: PRIVATE_FILE_MODE } as const;

// Windows has no POSIX modes; the profile folder's ACLs protect the data there.
const posixModes = process.platform !== 'win32';

/** Creates the folder (and missing parents) and makes it 0700 whatever the umask. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posixModes) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Writes (replacing) a file that only its owner may read. */
export function writePrivateFile(
  file: string,
  data: string | Uint8Array,
  options: { flush?: boolean } = {},
): void {
  const fd = openSync(file, 'w', PRIVATE_FILE_MODE);
  try {
    // A file that existed keeps its old mode through open(); set it.
    if (posixModes) chmodSync(file, PRIVATE_FILE_MODE);
    if (typeof data === 'string') writeSync(fd, data);
    else writeSync(fd, data);
    if (options.flush) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces a private file whole: written to a temporary file of this process, synced, renamed
 * over the old one, and the folder synced, so a power cut leaves the old file or the new one,
 * never half of one, and two processes writing the same file never share a temporary.
 */
export function replacePrivateFile(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writePrivateFile(temporary, data, { flush: true });
  renameSync(temporary, file);
  syncFolder(dirname(file));
}

/** Makes a rename in this folder durable; Windows cannot open a folder for that. */
export function syncFolder(dir: string): void {
  if (!posixModes) return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates the file empty if missing and makes it 0600, before another library opens it. */
export function touchPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  if (posixModes) chmodSync(file, PRIVATE_FILE_MODE);
}

/** An append stream to a 0600 file (logs). */
export function privateAppendStream(file: string): WriteStream {
  touchPrivateFile(file);
  return createWriteStream(file, { flags: 'a', mode: PRIVATE_FILE_MODE });
}

/**
 * Before SQLite opens `file`: creates it 0600 if missing and makes it and its sidecars
 * 0600. SQLite gives the -wal, -shm and -journal files the database file's mode.
 * Errors are left for SQLite's own open to report (a read-only folder, say).
 */
export function prepareDatabaseFile(file: string): void {
  if (!posixModes) return;
  try {
    touchPrivateFile(file);
  } catch {
    return;
  }
  for (const suffix of ['-wal', '-shm', '-journal']) {
    try {
      chmodSync(`${file}${suffix}`, PRIVATE_FILE_MODE);
    } catch {
      // Not there yet: SQLite creates it with the database file's mode.
    }
  }
}

export interface WrongMode {
  path: string;
  kind: 'folder' | 'file';
  /** The permission bits found, e.g. 0o644. */
  mode: number;
  expected: number;
}

export const octal = (mode: number): string => mode.toString(8).padStart(4, '0');

const MAX_ENTRIES = 10_000;

/**
 * Every folder and file under `root` (itself included) that its group or other users may use. Symlinks are not
 * followed.
 */
export function findWrongModes(root: string): WrongMode[] {
  if (!posixModes) return [];
  const wrong: WrongMode[] = [];
  let seen = 0;
  const visit = (path: string): void => {
    if (++seen > MAX_ENTRIES) return;
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    const mode = stat.mode & 0o777;
    if (stat.isDirectory()) {
      if ((mode & 0o077) !== 0) wrong.push({ path, kind: 'folder', mode, expected: PRIVATE_DIR_MODE });
      let names: string[];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const name of names) visit(join(path, name));
    } else if (stat.isFile() && (mode & 0o077) !== 0) {
      wrong.push({ path, kind: 'file', mode, expected: PRIVATE_FILE_MODE });
    }
  };
  visit(root);
  return wrong;
}

/**
 * Makes the data folder private: 0700 folders, 0600 files. Returns what it changed; what it could not change stays in
 * `failed`.
 */
export function repairDataDirModes(root: string): { fixed: WrongMode[]; failed: WrongMode[] } {
  ensurePrivateDir(root);
  const fixed: WrongMode[] = [];
  const failed: WrongMode[] = [];
  for (const item of findWrongModes(root)) {
    try {
      chmodSync(item.path, item.expected);
      fixed.push(item);
    } catch {
      failed.push(item);
    }
  }
  return { fixed, failed };
}
