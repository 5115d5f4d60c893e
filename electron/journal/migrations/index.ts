import { sql as journal } from './001-journal.ts';
import { sql as managerAudit } from './002-manager-audit.ts';
import { sql as queueOrderIndex } from './003-queue-order-index.ts';
import { sql as leanAppendIndexes } from './004-lean-append-indexes.ts';
import { sql as entryFlags } from './005-entry-flags.ts';
import { sql as dropStateIndex } from './006-drop-state-index.ts';
import { sql as plainRowid } from './007-plain-rowid.ts';
import { sql as unsettledIndex } from './008-unsettled-index.ts';
import { sql as voucherHolds } from './009-voucher-holds.ts';
import { sql as tillPayments } from './010-till-payments.ts';
import { sql as maskSyncedCards } from './011-mask-synced-cards.ts';
import { sql as journalIdentity } from './012-journal-identity.ts';
import { sql as dayFigures } from './013-day-figures.ts';
import { sql as linkIndexes } from './014-link-indexes.ts';
import { sql as shifts } from './015-shifts.ts';
import { sql as customerAssignment } from './016-customer-assignment.ts';
import { sql as boundedReads } from './017-bounded-reads.ts';
import { sql as keysetAndCardTail } from './018-keyset-and-card-tail.ts';

// In order; the schema version is the number of migrations applied (PRAGMA user_version).
export const migrations: readonly string[] = [
  journal,
  managerAudit,
  queueOrderIndex,
  leanAppendIndexes,
  entryFlags,
  dropStateIndex,
  plainRowid,
  unsettledIndex,
  voucherHolds,
  tillPayments,
  maskSyncedCards,
  journalIdentity,
  dayFigures,
  linkIndexes,
  shifts,
  customerAssignment,
  boundedReads,
  keysetAndCardTail,
];
