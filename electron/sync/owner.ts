// Who holds a claim on a journal entry: host, process id and a per-start nonce,
// so a claim left by a process that has died can be recognised and released.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const ownersOfThisProcess = new Set<string>();

export function processOwner(label: string): string {
  const owner = `${label}@${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  ownersOfThisProcess.add(owner);
  return owner;
}

/** False when the owner ran on this host and its process is gone (or its pid now belongs to us under another name). */
export function isOwnerAlive(owner: string): boolean {
  const match = /@(.+):(\d+):[0-9a-f]+$/.exec(owner);
  if (!match) return false;
  if (match[1] !== hostname()) return true;
  const pid = Number(match[2]);
  if (pid === process.pid) return ownersOfThisProcess.has(owner);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
