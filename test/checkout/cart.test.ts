// The cart and the bodies built from it: integers inside, CareCloud's numbers only at the boundary.
import { describe, expect, it } from 'vitest';
import {
  acceptPaymentBody,
  finalBill,
  plainPreview,
  PreviewAnswerError,
  readPreview,
  type BenefitAsk,
  type SalePlace,
} from '../../shared/checkout/bill.ts';
import {
  addLine,
  cartTotals,
  CartError,
  clearCart,
  emptyCart,
  lineAmounts,
  removeLine,
  setQuantity,
  type Cart,
} from '../../shared/checkout/cart.ts';
import { Catalogue, catalogueSchema, productLine } from '../../shared/checkout/catalogue.ts';

const place: SalePlace = {
  storeId: 'S1',
  cashdesk: 2,
  currencyId: 'czk-id',
  purchaseTypeId: 'pt-store',
  itemTypeIds: { store_purchase: 'pit-store', 'pit-store': 'pit-store' },
  createdBy: 'Jana',
};
const anonymous: BenefitAsk = { customer: null, voucherCodes: [], points: 0, credit: 0 };
const line = {
  plu: '8594005650015',
  pluList: 'EAN',
  name: 'Káva',
  vatRate: 12,
  quantity: 1,
  unitPriceMinor: 42_900,
  purchaseItemTypeId: 'store_purchase',
  loyaltyOff: false,
};

function sampleCart(): Cart {
  let cart = emptyCart('CZK');
  cart = addLine(cart, line);
  cart = addLine(cart, {
    ...line,
    plu: '2000001',
    pluList: 'PLU',
    name: 'Banány',
    unitPriceMinor: 3_490,
    quantity: 1.235,
  });
  cart = addLine(cart, {
    ...line,
    plu: '8590000000015',
    name: 'Taška',
    unitPriceMinor: 500,
    loyaltyOff: true,
  });
  return cart;
}

describe('cart', () => {
  it('prices weighed goods to the nearest minor unit and totals in integers', () => {
    const cart = sampleCart();
    // 34.90 * 1.235 = 43.1015
    expect(lineAmounts(cart.lines[1]!)).toEqual({ lineId: '2', priceMinor: 4_310, paidMinor: 4_310 });
    expect(cartTotals(cart)).toMatchObject({
      grossMinor: 42_900 + 4_310 + 500,
      totalMinor: 47_710,
      itemCount: 3,
    });
  });

  it('adds a repeated scan to its line, changes and removes lines, keeps line ids', () => {
    let cart = addLine(sampleCart(), line);
    expect(cart.lines).toHaveLength(3);
    expect(cart.lines[0]!.quantity).toBe(2);
    cart = setQuantity(cart, '1', 3);
    expect(cartTotals(cart).lines[0]!.priceMinor).toBe(128_700);
    cart = removeLine(cart, '2');
    cart = addLine(cart, { ...line, plu: 'X1', name: 'Other' });
    expect(cart.lines.map((l) => l.lineId)).toEqual(['1', '3', '4']);
    expect(clearCart(cart).lines).toEqual([]);
  });

  it('refuses impossible quantities, prices and discounts', () => {
    expect(() => addLine(emptyCart('CZK'), { ...line, quantity: 0 })).toThrow(CartError);
    expect(() => addLine(emptyCart('CZK'), { ...line, quantity: 1.0001 })).toThrow(CartError);
    expect(() => addLine(emptyCart('CZK'), { ...line, unitPriceMinor: 10.5 })).toThrow(CartError);
    expect(() => addLine(emptyCart('CZK'), { ...line, lineDiscountMinor: 50_000 })).toThrow(CartError);
    expect(() =>
      cartTotals({ currency: 'CZK', lines: [{ ...sampleCart().lines[0]! }, { ...sampleCart().lines[0]! }] }),
    ).toThrow(/share the id/);
  });
});

describe('CareCloud bodies', () => {
  it('converts to JSON numbers only in the body, with the total equal to the sum of paid amounts', () => {
    const cart = sampleCart();
    const body = acceptPaymentBody(
      cart,
      {
        customer: { customerId: 'C1', cardNumber: '2000' },
        voucherCodes: ['DEMO100'],
        points: 'max',
        credit: 0,
      },
      place,
      'PREVIEW-1',
      '2026-11-28 10:00:00',
    );
    expect(body).toMatchObject({
      store_id: 'S1',
      cashdesk_number: 2,
      payment_type: 'A',
      customer_id: 'C1',
      card_number: '2000',
      benefit_codes: ['DEMO100'],
      max_points: 1_000_000_000,
    });
    expect(body.bill.total_price).toBe(477.1);
    expect(
      body.bill.bill_items.map((i) => [i.bill_item_id, i.price, i.paid_amount, i.quantity, i.loyalty_off]),
    ).toEqual([
      ['1', 429, 429, 1, false],
      ['2', 43.1, 43.1, 1.235, false],
      ['3', 5, 5, 1, true],
    ]);
    expect(body.bill.bill_items[1]!.plu_ids).toEqual([{ list_code: 'PLU', code: '2000001' }]);
    expect(
      acceptPaymentBody(
        cart,
        { ...anonymous, credit: 'max', customer: { customerId: 'C1', cardNumber: null } },
        place,
        'P',
        '2026-11-28 10:00:00',
      ).payment_type,
    ).toBe('C');
  });

  it('reads a preview into minor units and sends exactly what it read', () => {
    const cart = sampleCart();
    const preview = readPreview(cart, {
      recommended_discounts: [
        { bill_item_id: '1', discount_value: 12.87, discount_percent: 3, discount_code: 'silver' },
      ],
      vouchers: [{ code: 'DEMO100', name: '100 off', discount_value: 100 }],
      credit_points: 20,
      price_of_credit_points: 20,
      credit_points_of_this_transaction: 33,
      total_credit_points: 1263,
      messages: [{ text: 'hello' }, {}],
    });
    expect(preview).toMatchObject({
      totalMinor: 47_710,
      discountMinor: 1_287,
      vouchersMinor: 10_000,
      pointsMoneyMinor: 2_000,
      pointsUsed: 20,
      pointsEarned: 33,
      pointsAfter: 1263,
      messages: ['hello'],
    });
    expect(preview.toPayMinor).toBe(47_710 - 1_287 - 10_000 - 2_000);
    const bill = finalBill(cart, anonymous, preview, place);
    expect(bill).toMatchObject({
      payment_type: 'A',
      total_price: 477.1,
      purchase_type_id: 'pt-store',
      currency_id: 'czk-id',
      created_by: 'Jana',
    });
    expect(bill.payment_recap).toEqual({
      credit_points: 20,
      vouchers: [{ code: 'DEMO100', name: '100 off', discount_value: 100 }],
      recommended_discounts: [
        { bill_item_id: '1', discount_value: 12.87, discount_code: 'silver', discount_percent: 3 },
      ],
    });
    expect(finalBill(cart, anonymous, plainPreview(cart), place).payment_recap).toBeUndefined();
    expect(() =>
      finalBill(addLine(cart, { ...line, plu: 'new', name: 'More' }), anonymous, preview, place),
    ).toThrow(PreviewAnswerError);
  });

  it('refuses a preview that does not add up or is not a preview', () => {
    const cart = sampleCart();
    expect(() => readPreview(cart, { vouchers: [{ code: 'X', discount_value: 1_000 }] })).toThrow(
      /more benefits/,
    );
    expect(() =>
      readPreview(cart, { recommended_discounts: [{ bill_item_id: '9', discount_value: 1 }] }),
    ).toThrow(/line the bill does not have/);
    expect(() => readPreview(cart, { credit: -1 })).toThrow(PreviewAnswerError);
    expect(() => readPreview(cart, { vouchers: 'lots' as never })).toThrow(PreviewAnswerError);
    expect(() => readPreview(cart, { price_of_credit_points: Number.NaN })).toThrow(PreviewAnswerError);
    expect(() => readPreview(cart, [] as never)).toThrow(PreviewAnswerError);
    expect(readPreview(cart, undefined)).toEqual(plainPreview(cart));
  });
});

describe('catalogue', () => {
  it('finds products by barcode or PLU and refuses a code owned twice', () => {
    const data = catalogueSchema.parse({
      currency: 'CZK',
      products: [
        {
          plu: 'A1',
          name: 'Apple',
          unitPriceMinor: 100,
          vatRate: 12,
          barcodes: ['8590000000015'],
          quickKey: 2,
        },
        { plu: 'B1', name: 'Bread', unitPriceMinor: 200, vatRate: 12, quickKey: 1 },
      ],
    });
    const catalogue = new Catalogue(data);
    expect(catalogue.byCode('8590000000015')?.plu).toBe('A1');
    expect(catalogue.byCode(' B1 ')?.name).toBe('Bread');
    expect(catalogue.byCode('nothing')).toBeNull();
    expect(catalogue.quickKeys().map((p) => p.plu)).toEqual(['B1', 'A1']);
    expect(productLine(catalogue.byCode('A1')!, 2)).toMatchObject({
      plu: 'A1',
      pluList: 'EAN',
      quantity: 2,
      loyaltyOff: false,
      purchaseItemTypeId: 'store_purchase',
    });
    expect(
      catalogueSchema.safeParse({
        currency: 'CZK',
        products: [
          { plu: 'A1', name: 'a', unitPriceMinor: 1, vatRate: 1, barcodes: ['X'] },
          { plu: 'B1', name: 'b', unitPriceMinor: 1, vatRate: 1, barcodes: ['X'] },
        ],
      }).success,
    ).toBe(false);
    expect(
      catalogueSchema.safeParse({
        currency: 'CZK',
        products: [{ plu: 'A1', name: 'a', unitPriceMinor: 1.5, vatRate: 1 }],
      }).success,
    ).toBe(false);
  });
});
