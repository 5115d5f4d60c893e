// What a manager's queue action really did, as the screen says it: read from the entry
// as the journal has it now (refreshed on every sync status push) and whether CareCloud
// is reachable, not from the answer's snapshot taken before anything was sent.
import type { EntryState } from '../../../shared/checkout/answers.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';

export type ReportTone = 'ok' | 'warn' | 'bad';

export interface ActionReport {
  tone: ReportTone;
  key: MessageKey;
  id: number;
}

/** `state` is the entry's state now; `online` whether the terminal can reach CareCloud now. */
export function actionReport(
  action: 'retry' | 'void' | 'resend',
  entry: { id: number; state: EntryState },
  online: boolean,
): ActionReport {
  const { id, state } = entry;
  if (state === 'voided') return { tone: action === 'void' ? 'ok' : 'warn', key: 'queue.report.voided', id };
  if (state === 'synced') return { tone: 'ok', key: 'queue.report.sent', id };
  if (state === 'rejected') return { tone: 'bad', key: 'queue.report.rejected', id };
  if (!online) return { tone: 'warn', key: 'queue.report.unreachable', id };
  return { tone: 'warn', key: state === 'sending' ? 'queue.report.sending' : 'queue.report.waiting', id };
}
