// The update state on disk, in the data folder's `updates/`: the version marker that
// rollback reads, this terminal's rollout id, and the kept files of the versions
// before and after an install. All private, like the rest of the data folder.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ensurePrivateDir, replacePrivateFile, writePrivateFile } from '../config/file-modes.ts';
import { parseMarker, type Kept, type VersionMarker } from './rollback.ts';

export interface UpdateFiles {
  readMarker(): VersionMarker | null;
  writeMarker(marker: VersionMarker): void;
  terminalId(): string;
  /** Copies a file (the running AppImage, a downloaded installer) as the kept file of `version`. */
  keep(version: string, file: string): Kept;
  /** The kept file of `version`, if one is there. */
  kept(version: string): Kept | null;
  /** Removes kept files of every version but these. */
  prune(versions: readonly string[]): void;
}

const ID = /^[0-9a-f-]{36}$/;

export function updateFiles(dataDir: string): UpdateFiles {
  const dir = join(dataDir, 'updates');
  const keptDir = join(dir, 'kept');
  const markerFile = join(dir, 'version.json');
  const readText = (file: string): string | null => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  const keptName = (version: string) => `ccpos-${version}`;
  return {
    readMarker: () => parseMarker(readText(markerFile)),
    writeMarker(marker) {
      ensurePrivateDir(dir);
      replacePrivateFile(markerFile, JSON.stringify(marker));
    },
    terminalId() {
      const file = join(dir, 'terminal-id');
      const known = readText(file)?.trim();
      if (known && ID.test(known)) return known;
      ensurePrivateDir(dir);
      const id = randomUUID();
      writePrivateFile(file, id, { flush: true });
      return id;
    },
    keep(version, file) {
      ensurePrivateDir(keptDir);
      const target = join(keptDir, `${keptName(version)}${extname(file)}`);
      copyFileSync(file, `${target}.tmp`);
      renameSync(`${target}.tmp`, target);
      return { version, artifact: target };
    },
    kept(version) {
      if (!existsSync(keptDir)) return null;
      const name = readdirSync(keptDir).find(
        (n) => n.startsWith(`${keptName(version)}.`) && !n.endsWith('.tmp'),
      );
      return name ? { version, artifact: join(keptDir, name) } : null;
    },
    prune(versions) {
      if (!existsSync(keptDir)) return;
      const keep = versions.map((v) => `${keptName(v)}.`);
      for (const name of readdirSync(keptDir))
        if (!keep.some((prefix) => name.startsWith(prefix))) rmSync(join(keptDir, name), { force: true });
    },
  };
}
