// The manager's queue and audit log in words: who did what to an entry, how each send
// went, what an audit record was, what a resend would change, who the customer is.
// Pure functions over the translator, so both languages are tested without a screen.
import type {
  ActorView,
  AttemptView,
  AuditView,
  HistoryEvent,
  QueueCustomer,
  ResendChange,
} from '../../../shared/checkout/answers.ts';
import type { MessageKey, MessageParams } from '../../../shared/i18n/index.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function actorWords(t: Translate, actor: ActorView): string {
  switch (actor.kind) {
    case 'person':
      return actor.name;
    case 'other-terminal':
      return t('actor.other-terminal', { host: actor.host });
    default:
      return t(`actor.${actor.kind}`);
  }
}

/** How one send went: "sent, CareCloud unreachable (timeout)". */
export function attemptWords(t: Translate, attempt: AttemptView): string {
  const by = actorWords(t, attempt.by);
  const what = (() => {
    switch (attempt.outcome) {
      case null:
        return t('attempt.inFlight');
      case 'transport':
      case 'timeout':
        return t('attempt.unreachable', {
          why: t(
            `connection.${attempt.connection ?? (attempt.outcome === 'timeout' ? 'timeout' : 'network')}`,
          ),
        });
      case 'server':
        return attempt.httpStatus
          ? `${t('attempt.server')} (HTTP ${attempt.httpStatus})`
          : t('attempt.server');
      default:
        return t(`attempt.${attempt.outcome}`);
    }
  })();
  return t('attempt.by', { what, by });
}

/** Why a send did not land, for the history ("CareCloud unreachable (timeout)"). */
function whyWords(t: Translate, event: HistoryEvent): string {
  switch (event.outcome) {
    case 'transport':
    case 'timeout':
      return t('history.why.unreachable', {
        why: t(`connection.${event.outcome === 'timeout' ? 'timeout' : 'network'}`),
      });
    case 'rate-limited':
    case 'server':
    case 'unexpected':
    case 'auth':
      return t(`history.why.${event.outcome}`);
    default:
      return t('history.why.other');
  }
}

/** One step of an entry's history: "claimed for sending by this terminal". */
export function historyWords(t: Translate, event: HistoryEvent): string {
  const by = actorWords(t, event.by);
  switch (event.event) {
    case 'resent-from':
    case 'resent-as':
      return t(`history.${event.event}`, { entry: event.entryId ?? '?', by });
    case 'retry-later':
      return t('history.retry-later', { outcome: whyWords(t, event) });
    case 'voided':
      return t('history.voided', { by, reason: event.text ?? '' });
    case 'other':
      return t('history.other', { text: event.text ?? '' });
    default:
      return t(`history.${event.event}`, { by });
  }
}

const auditActions = [
  'void',
  'retry',
  'resend',
  'export',
  'audit-export',
  'cancel-purchase',
  'pin-refused',
  'pin-unlock',
  'purge',
  'settings',
] as const;
type AuditAction = (typeof auditActions)[number];
const isAuditAction = (action: string): action is AuditAction =>
  (auditActions as readonly string[]).includes(action);

/** What a PIN was asked for, from the action ids managerCheck records. */
const pinActions: Readonly<Record<string, MessageKey>> = {
  retry: 'action.retry',
  void: 'action.void',
  resend: 'action.resend',
  export: 'action.export',
  'audit-export': 'action.auditExport',
  'cancel-purchase': 'action.cancel',
  cancel: 'action.cancel',
  settings: 'action.settings',
  unlock: 'action.unlock',
};

/** An audit record's action in words; a refused PIN says what it was for. */
export function auditWords(t: Translate, record: Pick<AuditView, 'action' | 'detail'>): string {
  const what = isAuditAction(record.action)
    ? t(`audit.action.${record.action}`)
    : t('audit.action.other', { action: record.action });
  const forAction =
    record.action === 'pin-refused' && typeof record.detail.action === 'string'
      ? pinActions[record.detail.action]
      : undefined;
  return forAction ? `${what} (${t('audit.pinFor', { action: t(forAction) })})` : what;
}

/** The customer of an entry: the name, else the masked card; null for a sale without one. */
export function customerWords(t: Translate, customer: QueueCustomer | null): string | null {
  if (!customer) return null;
  if (customer.name) return customer.name;
  if (customer.pending) return t('queue.customer.finding');
  if (customer.card) return t('queue.customer.unknown', { card: customer.card });
  return t('queue.customer.unknown', { card: '' }).trim();
}

/** What "resend without the refused benefits" would take off the sale. */
export function resendWords(t: Translate, money: (minor: number) => string, change: ResendChange): string {
  const parts = [
    ...change.vouchers.map((v) =>
      t('queue.resendWould.voucher', { code: v.code, amount: `−${money(v.discountMinor)}` }),
    ),
    ...(change.points > 0 ? [t('queue.resendWould.points', { points: change.points })] : []),
    ...(change.creditMinor > 0 ? [t('queue.resendWould.credit', { amount: money(change.creditMinor) })] : []),
  ];
  const and = t('queue.resendWould.and');
  const what = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')}${and}${parts.at(-1)}`;
  return t('queue.resendWould', { what });
}
