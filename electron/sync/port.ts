// The narrow part of the CareCloud client the sync engine needs. One attempt per
// call (the engine runs its own backoff through the journal); failures arrive as
// the typed errors of electron/carecloud/errors.ts.
import type { EntryKind, JournalRequest } from '../journal/types.ts';

export interface SendOptions {
  timeoutMs: number;
  /** Aborts the call before the entry's lease runs out, so no second sender can overlap it. */
  signal?: AbortSignal;
}

export interface CareCloudPort {
  /** Performs the journaled request once; `remoteId` is CareCloud's id of what it created, when it returns one. */
  send(kind: EntryKind, request: JournalRequest, options: SendOptions): Promise<{ remoteId: string | null }>;
  /** `GET /tests/connection`: resolves when CareCloud answers. */
  probe(options: SendOptions): Promise<void>;
}
