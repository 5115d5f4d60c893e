// Bills for sandbox tests, in the contract's shape.
import { currencyIds, purchaseItemTypeIds, purchaseTypeIds, storeIds } from '../../sandbox/seed.ts';

export interface ItemSpec {
  id?: string;
  price: number;
  paid?: number;
  loyaltyOff?: boolean;
  plu?: string;
  quantity?: number;
}

export function billItems(items: ItemSpec[]) {
  return items.map((item, i) => ({
    plu_ids: [{ list_code: 'EAN', code: item.plu ?? `859000000${i}` }],
    plu_name: `Item ${i + 1}`,
    vat_rate: 21,
    quantity: item.quantity ?? 1,
    price: item.price,
    paid_amount: item.paid ?? item.price,
    bill_item_id: item.id ?? String(i + 1),
    loyalty_off: item.loyaltyOff ?? false,
    purchase_item_type_id: purchaseItemTypeIds.store,
  }));
}

export function bill(billId: string, items: ItemSpec[], extra: Record<string, unknown> = {}) {
  const bill_items = billItems(items);
  return {
    bill_id: billId,
    payment_time: '2026-03-02 10:30:00',
    currency_id: currencyIds.czk,
    total_price: bill_items.reduce((sum, i) => sum + i.paid_amount, 0),
    bill_items,
    ...extra,
  };
}

export function acceptPayment(
  items: ItemSpec[],
  extra: Record<string, unknown> = {},
  billExtra: Record<string, unknown> = {},
) {
  return {
    store_id: storeIds.praha,
    cashdesk_number: 1,
    payment_type: 'S',
    bill: bill('PREVIEW', items, billExtra),
    ...extra,
  };
}

export function sendPurchase(
  billId: string,
  items: ItemSpec[],
  extra: Record<string, unknown> = {},
  billExtra: Record<string, unknown> = {},
) {
  return {
    store_id: storeIds.praha,
    cashdesk_number: 1,
    bill: bill(billId, items, {
      purchase_type_id: purchaseTypeIds.store,
      canceled: false,
      payment_type: 'S',
      ...billExtra,
    }),
    ...extra,
  };
}

export function reasons(body: unknown): string[] {
  const params =
    (body as { error?: { error_data?: { invalid_params?: { name: string; reason: string }[] } } }).error
      ?.error_data?.invalid_params ?? [];
  return params.map((p) => `${p.name}:${p.reason}`);
}
