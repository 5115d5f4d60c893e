// How `ccpos queue`, `ccpos replay` and `ccpos checkout` print journal entries.
import type { EntryDetail } from './queue-manager.ts';
import type { JournalEntry } from '../journal/types.ts';

const iso = (ms: number | null) =>
  ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export function entryLine(entry: JournalEntry): string {
  const extra =
    entry.state === 'synced'
      ? `carecloud ${entry.remoteId ?? '(already there)'}`
      : entry.state === 'rejected'
        ? entry.reasons.map((r) => `${r.name}/${r.reason}`).join(', ')
        : entry.state === 'voided'
          ? `by ${entry.voidedBy ?? '?'}: ${entry.voidReason ?? ''}`
          : entry.lastError
            ? `attempts ${entry.attemptCount}, last: ${entry.lastError}`
            : `attempts ${entry.attemptCount}`;
  return (
    `${String(entry.id).padStart(6)}  ${entry.kind.padEnd(12)} ` +
    `${entry.state.padEnd(8)} ${iso(entry.createdAt)}  ${entry.billId ?? '-'}  ${extra}`
  );
}

export function detailLines(detail: EntryDetail): string[] {
  const { entry } = detail;
  const lines = [
    `entry ${entry.id}: ${entry.kind}, ${entry.state}`,
    `bill_id       ${entry.billId ?? '-'}`,
    `payment_time  ${entry.paymentTime ?? '-'}`,
    `store         ${entry.storeId}, cash desk ${entry.cashdesk}, operator ${entry.operator}`,
    `customer      ${entry.customerId ?? '-'}${entry.cardNumber ? `, card ${entry.cardNumber}` : ''}`,
    `carecloud id  ${entry.remoteId ?? '-'}`,
  ];
  if (entry.reasons.length)
    lines.push(
      `refused       ` +
        `${entry.reasons.map((r) => `${r.name}/${r.reason}${r.message ? ` (${r.message})` : ''}`).join(', ')}`,
    );
  if (entry.voidReason) lines.push(`voided        by ${entry.voidedBy ?? '?'}: ${entry.voidReason}`);
  if (detail.replaces)
    lines.push(`replaces      entry ${detail.replaces.id} (${detail.replaces.billId ?? '-'})`);
  if (detail.replacedBy)
    lines.push(`replaced by   entry ${detail.replacedBy.id} (${detail.replacedBy.billId ?? '-'})`);
  if (entry.state === 'pending') lines.push(`next attempt  ${iso(entry.nextAttemptAt)}`);
  lines.push(
    `request       ${entry.request.method} ${entry.request.path}`,
    JSON.stringify(entry.request.body, null, 2),
  );
  lines.push('attempts:');
  for (const a of detail.attempts)
    lines.push(
      `  ${iso(a.startedAt)}  ` +
        `${a.outcome ?? 'unfinished'}${a.httpStatus ? ` ${a.httpStatus}` : ''}${a.error ? `  ${a.error}` : ''}`,
    );
  lines.push('history:');
  for (const t of detail.transitions)
    lines.push(`  ${iso(t.at)}  ${t.from ?? '-'} -> ${t.to}  ${t.cause} (${t.actor})`);
  if (detail.audit.length) {
    lines.push('manager actions:');
    for (const a of detail.audit)
      lines.push(`  ${iso(a.at)}  ${a.action} by ${a.actor}  ${JSON.stringify(a.detail)}`);
  }
  return lines;
}
