import { join } from 'node:path';

/** Where the offline journal lives inside the terminal's data directory. */
export function journalFile(dataDir: string): string {
  return join(dataDir, 'journal.db');
}
