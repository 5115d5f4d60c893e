// The dashboard's figures as the rows and sentences its screen shows, in the screen's
// language and on the terminal's clock (through Locale). Pure, so tests read them in Node.
import type { DashboardAlert, DashboardFigures, WaitingBand } from '../../../../shared/dashboard.ts';
import { locale as localeTag, reasonSentence, type MessageKey } from '../../../../shared/i18n/index.ts';
import type { Locale } from '../../state/locale.svelte.ts';
import { referenceText } from '../../state/reference.ts';
import type { SessionState } from '../../state/session.svelte.ts';

export interface BarRow {
  label: string;
  /** What the bar's length shows; compared with the other rows'. */
  value: number;
  /** The numbers printed beside the bar, one cell each. */
  cells: string[];
}

const entryKinds = ['purchase', 'cancellation', 'voucher-application', 'customer-signup', 'card-assignment'];

export function percent(locale: Locale, part: number, whole: number): string {
  const share = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(localeTag(locale.language), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}

export function bytes(locale: Locale, count: number): string {
  const gb = count >= 1024 ** 3;
  const value = count / (gb ? 1024 ** 3 : 1024 ** 2);
  return new Intl.NumberFormat(localeTag(locale.language), {
    style: 'unit',
    unit: gb ? 'gigabyte' : 'megabyte',
    maximumFractionDigits: 1,
  }).format(value);
}

/** Today's hours from the first with a sale (or now) to now, each with its sales and money. */
export function hourRows(locale: Locale, figures: DashboardFigures): BarRow[] {
  const { hours } = figures.sales;
  const asOf = Date.parse(figures.asOf);
  let now = hours.findLastIndex((h) => Date.parse(h.startsAt) <= asOf);
  if (now < 0) now = 0;
  const withSales = hours.flatMap((h, i) => (h.sales > 0 ? [i] : []));
  if (withSales.length === 0) return [];
  const from = Math.min(withSales[0]!, now);
  const to = Math.max(withSales[withSales.length - 1]!, now);
  const at = new Date(asOf);
  return hours.slice(from, to + 1).map((h) => ({
    label: locale.time(new Date(h.startsAt), at),
    value: h.sales,
    cells: [locale.number(h.sales), locale.money(h.paidMinor, figures.currency)],
  }));
}

export function tenderRows(locale: Locale, figures: DashboardFigures): BarRow[] {
  const { cardMinor, cashMinor } = figures.tenders;
  const all = cardMinor + cashMinor;
  return [
    {
      label: locale.t('dashboard.tender.card'),
      value: cardMinor,
      cells: [locale.money(cardMinor, figures.currency), percent(locale, cardMinor, all)],
    },
    {
      label: locale.t('dashboard.tender.cash'),
      value: cashMinor,
      cells: [locale.money(cashMinor, figures.currency), percent(locale, cashMinor, all)],
    },
  ];
}

export function bandLabel(locale: Locale, band: WaitingBand): string {
  if (band.fromMs === 0 && band.toMs !== null)
    return locale.t('dashboard.age.first', { to: locale.age(band.toMs) });
  if (band.toMs === null) return locale.t('dashboard.age.last', { from: locale.age(band.fromMs) });
  return locale.t('dashboard.age.band', { from: locale.age(band.fromMs), to: locale.age(band.toMs) });
}

export function bandRows(locale: Locale, figures: DashboardFigures): BarRow[] {
  return figures.queue.bands.map((band) => ({
    label: bandLabel(locale, band),
    value: band.count,
    cells: [locale.number(band.count)],
  }));
}

export function kindName(locale: Locale, kind: string): string {
  return entryKinds.includes(kind) ? locale.t(`kind.${kind}` as MessageKey) : kind;
}

/** One sentence per alert, in the screen's language; a sale by its short reference, as everywhere else. */
export function alertSentence(
  where: { locale: Locale; session: SessionState },
  alert: DashboardAlert,
): string {
  const { locale } = where;
  switch (alert.kind) {
    case 'waiting-too-long':
      return locale.t('dashboard.alert.waiting', {
        threshold: locale.age(alert.thresholdMs),
        count: locale.number(alert.count),
        age: locale.age(alert.oldestAgeMs),
      });
    case 'disk-low':
      return locale.t('dashboard.alert.disk', {
        free: bytes(locale, alert.freeBytes),
        threshold: bytes(locale, alert.thresholdBytes),
      });
    case 'rejected': {
      const reasons = [...new Set(alert.entry.reasons.map((r) => reasonSentence(locale.language, r)))].join(
        ' ',
      );
      return locale.t('dashboard.alert.rejected', {
        kind: kindName(locale, alert.entry.kind),
        bill: alert.entry.billId
          ? referenceText(where, alert.entry.billId, alert.entry.kind === 'cancellation')
          : `#${alert.entry.id}`,
        reason: reasons,
      });
    }
  }
}
