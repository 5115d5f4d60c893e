// The sale's notices and refusals as sentences in the cashier's language.
import { reasonSentence, type MessageKey } from '../../../shared/i18n/index.ts';
import type { Refusal } from '../../../shared/checkout/answers.ts';
import { errorSentence } from './errors.ts';
import type { Locale } from './locale.svelte.ts';
import type { SaleNotice } from './sale.svelte.ts';

const ownReasons = new Set(['offline_refused', 'offline_not_presynced']);

/** One refusal as a sentence: the terminal's own reasons, else CareCloud's. */
export function refusalSentence(locale: Locale, refusal: Refusal): string {
  if (ownReasons.has(refusal.reason)) return locale.t(`checkout.refusal.${refusal.reason}` as MessageKey);
  if (refusal.reason === 'not_found' && refusal.subject !== 'points' && refusal.subject !== 'credit')
    return locale.t('checkout.refusal.not_found');
  const name =
    refusal.subject === 'points'
      ? 'max_points'
      : refusal.subject === 'credit'
        ? 'payment_type'
        : 'benefit_codes';
  return reasonSentence(locale.language, { name, reason: refusal.reason });
}

export function saleNoticeSentence(
  locale: Locale,
  notice: SaleNotice,
): { text: string; tone: 'bad' | 'warn' | 'muted' } {
  switch (notice.kind) {
    case 'unknownProduct':
      return { text: locale.t('sale.unknownProduct', { code: notice.code }), tone: 'bad' };
    case 'attaching':
      return { text: locale.t('sale.attaching', { card: notice.card }), tone: 'muted' };
    case 'card': {
      const { code } = notice.error;
      const key: MessageKey | null =
        code === 'unknown_card' || code === 'invalid_payload'
          ? 'lookup.unknownCard'
          : code === 'card_blocked'
            ? 'lookup.blockedCard'
            : code === 'customer_deleted'
              ? 'lookup.deletedCard'
              : code === 'offline'
                ? 'lookup.offlineUnknownCard'
                : null;
      return {
        text: key ? locale.t(key, { card: notice.card }) : errorSentence(locale, notice.error),
        tone: 'bad',
      };
    }
    case 'invalidQuantity':
      return { text: locale.t('sale.invalidQuantity'), tone: 'bad' };
    case 'voucherDuplicate':
      return { text: locale.t('sale.voucherDuplicate'), tone: 'warn' };
    case 'totalsChanged':
      return { text: locale.t('checkout.totalsChanged'), tone: 'warn' };
    case 'rejected': {
      const reasons = [...new Set(notice.reasons.map((r) => reasonSentence(locale.language, r)))].join(' ');
      return {
        text: locale.t('sale.rejected', { reason: reasons || locale.t('error.rejected') }),
        tone: 'bad',
      };
    }
    case 'alreadyRecorded':
      return notice.purchaseId
        ? {
            text: locale.t('sale.alreadyClosed', { billId: notice.billId, purchaseId: notice.purchaseId }),
            tone: 'warn',
          }
        : { text: locale.t('sale.alreadySaved', { billId: notice.billId }), tone: 'warn' };
    case 'nothingToPay':
      return { text: locale.t('sale.nothingToPay'), tone: 'warn' };
    case 'error':
      return { text: errorSentence(locale, notice.error), tone: 'bad' };
  }
}
