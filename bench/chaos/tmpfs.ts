// A small tmpfs for a data folder that can fill up. Mounting needs root (or CAP_SYS_ADMIN);
// where the machine refuses, the scenario says why and is skipped.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

function reason(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return stderr || (error instanceof Error ? error.message : String(error));
}

/** Null when a tmpfs can be mounted here, else why not. */
export function tmpfsUnavailable(): string | null {
  if (process.platform !== 'linux') return `tmpfs is a Linux file system (this is ${process.platform})`;
  const probe = mkdtempSync(join(tmpdir(), 'ccpos-chaos-probe-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
  } catch (error) {
    rmSync(probe, { recursive: true, force: true });
    return `cannot mount a tmpfs: ${reason(error)}`;
  }
  try {
    run('umount', [probe]);
  } catch {
    // Left mounted on a folder nobody uses; the data folder's own mount is what matters.
  }
  rmSync(probe, { recursive: true, force: true });
  return null;
}

/** Mounts a tmpfs of `bytes` on `dir`; the returned function unmounts it. */
export function mountTmpfs(dir: string, bytes: number): () => void {
  run('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir]);
  return () => {
    try {
      run('umount', [dir]);
    } catch {
      // Busy a moment longer (a process just ended): lazily detached instead.
      run('umount', ['-l', dir]);
    }
  };
}
