// The demo project every sandbox starts from: the same on every machine and every run.
// `demo` names the records that demonstrate something, for the cheat sheet and tests.
import { ean13, entityId } from './ids.ts';
import type { Card, Customer, LedgerEntry, ProjectData, Purchase, Reward, Store, Voucher } from './model.ts';

const SEEDED_AT = '2026-01-15 09:00:00';
const FOREVER = '2099-12-31 23:59:59';
const LONG_AGO = '2020-01-01 00:00:00';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const id = entityId;
export const storeIds = {
  praha: id('store', 1),
  brno: id('store', 2),
  bratislava: id('store', 3),
  eshop: id('store', 4),
};
export const currencyIds = { czk: id('currency', 1), eur: id('currency', 2) };
export const statusIds = {
  basic: id('status', 1),
  bronze: id('status', 2),
  silver: id('status', 3),
  gold: id('status', 4),
};
export const cardTypeIds = { loyalty: id('card-type', 1), staff: id('card-type', 2) };
export const purchaseTypeIds = { store: id('purchase-type', 1), eshop: id('purchase-type', 2) };
export const purchaseItemTypeIds = {
  store: id('purchase-item-type', 1),
  eshop: id('purchase-item-type', 2),
  cancel: id('purchase-item-type', 3),
  withoutRewards: id('purchase-item-type', 4),
  otcWithoutLoyalty: id('purchase-item-type', 5),
  pointsOnly: id('purchase-item-type', 6),
};
const rewardTypeIds = {
  value: id('reward-type', 1),
  percent: id('reward-type', 2),
  gift: id('reward-type', 3),
};
const sourceIds = { pos: id('customer-source', 1), web: id('customer-source', 2) };

/**
 * Product codes (PLU) the demo rewards name: products of the demo catalogue (resources/catalogue/demo-products.json).
 */
export const demoProducts = { coffee: '8594005650015', croissant: '8594001023004' };

export const cardNumber = (n: number) => ean13(`200${String(n).padStart(9, '0')}`);
export const customerId = (n: number) => id('customer', n);

/** Records with a story, by what they show. */
export const demo = {
  credentials: { user_external_application_id: 'ccpos-demo', login: 'demo', password: 'demo-password' },
  cards: {
    regular: cardNumber(1),
    otherCustomer: cardNumber(2),
    manyPoints: cardNumber(3),
    credits: cardNumber(4),
    blocked: cardNumber(5),
    deletedCustomer: cardNumber(6),
    newCustomer: cardNumber(7),
    cannotPayByPoints: cardNumber(8),
    euroCustomer: cardNumber(9),
    inactiveCustomer: cardNumber(10),
    free: cardNumber(901),
  },
  vouchers: {
    value100: 'DEMO100',
    percent10: 'DEMO10PCT',
    expired: 'EXPIRED1',
    used: 'USED1',
    otherStore: 'BRNO50',
    storeBound: 'PRAHAONLY',
    weekend: 'WEEKEND',
    goldOnly: 'GOLDONLY',
    productCondition: 'COFFEE2',
    pointsAtTill: 'PARTY',
    pointsAtTillAffordable: 'PARTYGOLD',
    otherCustomer: 'OTHERCUST',
    minimumPurchase: 'MIN1000',
    notYetValid: 'FUTURE1',
    happyHour: 'HAPPYHOUR',
    euro: 'EURO5',
    giftFull: 'GIFT500',
    giftPartly: 'GIFT1000',
    giftEmpty: 'GIFTEMPTY',
  },
  rewards: { value100: 'SLEVA100', percent10: 'SLEVA10', brno: 'BRNO50R', expensive: 'MIN200' },
  stores: storeIds,
  customers: {
    regular: customerId(1),
    otherCustomer: customerId(2),
    manyPoints: customerId(3),
    credits: customerId(4),
    deleted: customerId(6),
    cannotPayByPoints: customerId(8),
    euroCustomer: customerId(9),
    inactive: customerId(10),
  },
} as const;

const femaleFirst = [
  'Jana',
  'Eva',
  'Lucie',
  'Kateřina',
  'Anna',
  'Tereza',
  'Petra',
  'Veronika',
  'Lenka',
  'Martina',
  'Hana',
  'Barbora',
];
const femaleLast = [
  'Nováková',
  'Dvořáková',
  'Procházková',
  'Veselá',
  'Němcová',
  'Marková',
  'Pokorná',
  'Králová',
  'Benešová',
  'Fialová',
];
const maleFirst = [
  'Petr',
  'Tomáš',
  'Martin',
  'Jakub',
  'Zdeněk',
  'Jan',
  'Lukáš',
  'Ondřej',
  'Michal',
  'David',
  'Pavel',
  'Filip',
];
const maleLast = [
  'Svoboda',
  'Černý',
  'Kučera',
  'Horák',
  'Pokorný',
  'Novák',
  'Marek',
  'Král',
  'Beneš',
  'Fiala',
];
const cities = ['Praha', 'Brno', 'Ostrava', 'Plzeň', 'Olomouc', 'Liberec', 'Bratislava'];

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

interface Special {
  first: string;
  last: string;
  female: boolean;
  state?: 0 | 1 | 2;
  status: keyof typeof statusIds;
  points: number;
  credits?: { czk?: number; eur?: number };
  cardState?: 0 | 1;
  store?: keyof typeof storeIds;
}

const specials: Record<number, Special> = {
  1: { first: 'Jana', last: 'Nováková', female: true, status: 'silver', points: 1250 },
  2: { first: 'Petr', last: 'Svoboda', female: false, status: 'bronze', points: 300 },
  3: { first: 'Eva', last: 'Dvořáková', female: true, status: 'gold', points: 250000 },
  4: {
    first: 'Tomáš',
    last: 'Černý',
    female: false,
    status: 'bronze',
    points: 40,
    credits: { czk: 50000, eur: 2000 },
  },
  5: { first: 'Lucie', last: 'Procházková', female: true, status: 'bronze', points: 500, cardState: 0 },
  6: { first: 'Martin', last: 'Kučera', female: false, status: 'bronze', points: 700, state: 0 },
  7: { first: 'Kateřina', last: 'Veselá', female: true, status: 'bronze', points: 0 },
  8: { first: 'Jakub', last: 'Horák', female: false, status: 'basic', points: 900 },
  9: { first: 'Anna', last: 'Němcová', female: true, status: 'silver', points: 800, store: 'bratislava' },
  10: { first: 'Zdeněk', last: 'Pokorný', female: false, status: 'bronze', points: 100, state: 2 },
};

/** GET /purchase-item-types of the demo project: the vendor's usual types, ids as in any project. */
export function purchaseItemTypes() {
  const t = (idOf: string, textId: string, cs: string, en: string) => ({
    id: idOf,
    text_id: textId,
    name: { cs, en },
  });
  return [
    t(purchaseItemTypeIds.store, 'store_purchase', 'Nákup na prodejně', 'Transaction in a store'),
    t(purchaseItemTypeIds.eshop, 'eshop_purchase', 'Nákup v e-shopu', 'E-commerce transaction'),
    t(purchaseItemTypeIds.cancel, 'cancel', 'Storno', 'Cancel'),
    t(
      purchaseItemTypeIds.withoutRewards,
      'without_rewards',
      'Položka bez uplatnění odměn',
      'Item without reward application',
    ),
    t(
      purchaseItemTypeIds.otcWithoutLoyalty,
      'otc_without_loyalty',
      'OTC bez věrnostního programu',
      'OTC without loyalty',
    ),
    t(purchaseItemTypeIds.pointsOnly, 'points_only', 'Platba pouze body', 'Point payments only'),
  ];
}

export const CUSTOMER_COUNT = 50;

export function seedProject(): ProjectData {
  const rand = random(20260115);
  // Earning rules in each store's own currency: 1 point per 10 CZK in Praha (2 in Brno),
  // 1 point per 0.40 EUR in Bratislava (the same money at 25 CZK to the euro).
  const stores: Store[] = [
    store(
      1,
      'PRG01',
      { cs: 'Praha Centrum', en: 'Prague City Centre' },
      'Praha',
      'Na Příkopě 22',
      '11000',
      currencyIds.czk,
      [1, 2, 3],
      1,
      { points: 1, per_minor: 1000 },
    ),
    store(
      2,
      'BRN01',
      { cs: 'Brno Vaňkovka', en: 'Brno Vankovka' },
      'Brno',
      'Ve Vaňkovce 1',
      '60200',
      currencyIds.czk,
      [1, 2],
      1,
      { points: 2, per_minor: 1000 },
    ),
    store(
      3,
      'BTS01',
      { cs: 'Bratislava Aupark', en: 'Bratislava Aupark' },
      'Bratislava',
      'Einsteinova 18',
      '85101',
      currencyIds.eur,
      [1],
      1,
      { points: 1, per_minor: 40 },
    ),
    store(
      4,
      'WEB01',
      { cs: 'E-shop', en: 'Online shop' },
      'Praha',
      'Karlínské náměstí 5',
      '18600',
      currencyIds.czk,
      [1],
      0,
      { points: 1, per_minor: 2000 },
    ),
  ];

  const customers: Customer[] = [];
  const cards: Card[] = [];
  const ledger: LedgerEntry[] = [];
  for (let n = 1; n <= CUSTOMER_COUNT; n += 1) {
    const special = specials[n];
    const female = special?.female ?? rand() < 0.5;
    const first = special?.first ?? pick(female ? femaleFirst : maleFirst, rand);
    const last = special?.last ?? pick(female ? femaleLast : maleLast, rand);
    const hasEmail = n <= 10 || rand() < 0.8;
    const hasPhone = n <= 10 || rand() < 0.6;
    const year = 1950 + Math.floor(rand() * 55);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const homeStore = special?.store
      ? storeIds[special.store]
      : pick([storeIds.praha, storeIds.brno, storeIds.praha], rand);
    customers.push({
      customer_id: customerId(n),
      first_name: first,
      last_name: last,
      email: hasEmail ? `${ascii(first)}.${ascii(last)}${n > 10 ? n : ''}@example.cz` : null,
      phone: hasPhone ? `420601${String(n).padStart(6, '0')}` : null,
      birthdate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      gender: female ? 2 : 1,
      language_id: homeStore === storeIds.bratislava ? 'sk' : 'cs',
      store_id: homeStore,
      state: special?.state ?? 1,
      status_id: statusIds[special?.status ?? pick(['bronze', 'bronze', 'silver', 'gold'] as const, rand)],
      source_id: n % 3 === 0 ? sourceIds.web : sourceIds.pos,
      city: pick(cities, rand),
      last_change: SEEDED_AT,
    });
    cards.push({
      card_id: id('card', n),
      card_number: cardNumber(n),
      card_type_id: cardTypeIds.loyalty,
      customer_id: customerId(n),
      state: special?.cardState ?? 1,
      valid_from: LONG_AGO,
      valid_to: FOREVER,
      store_id: homeStore,
      last_change: SEEDED_AT,
    });
    const points = special?.points ?? Math.floor(rand() * 3000);
    if (points > 0)
      ledger.push({
        customer_id: customerId(n),
        kind: 'points',
        amount: points,
        currency_id: null,
        at: SEEDED_AT,
        purchase_id: null,
      });
    if (special?.credits?.czk)
      ledger.push({
        customer_id: customerId(n),
        kind: 'credits',
        amount: special.credits.czk,
        currency_id: currencyIds.czk,
        at: SEEDED_AT,
        purchase_id: null,
      });
    if (special?.credits?.eur)
      ledger.push({
        customer_id: customerId(n),
        kind: 'credits',
        amount: special.credits.eur,
        currency_id: currencyIds.eur,
        at: SEEDED_AT,
        purchase_id: null,
      });
  }
  // Customer 1 also has a staff card; customers 11-14 a second loyalty card.
  cards.push({
    ...cards[0]!,
    card_id: id('card', 51),
    card_number: ean13('299000000001'),
    card_type_id: cardTypeIds.staff,
  });
  for (let n = 11; n <= 14; n += 1)
    cards.push({ ...cards[n - 1]!, card_id: id('card', 40 + n), card_number: cardNumber(500 + n) });
  for (let n = 901; n <= 910; n += 1) {
    cards.push({
      card_id: id('card', n),
      card_number: cardNumber(n),
      card_type_id: cardTypeIds.loyalty,
      customer_id: null,
      state: 1,
      valid_from: LONG_AGO,
      valid_to: FOREVER,
      store_id: null,
      last_change: SEEDED_AT,
    });
  }

  const rewards: Reward[] = [
    reward(1, 'SLEVA100', { cs: 'Sleva 100 Kč', en: '100 CZK off' }, 500, 1, {
      kind: 'value',
      amount: 10000,
      currency_id: currencyIds.czk,
      min_purchase_minor: 0,
    }),
    reward(2, 'SLEVA10', { cs: 'Sleva 10 %', en: '10% off' }, 300, 1, {
      kind: 'percent',
      amount: 10,
      currency_id: currencyIds.czk,
      min_purchase_minor: 0,
    }),
    reward(
      3,
      'HAPPY15',
      { cs: 'Happy hour 15 %', en: 'Happy hour 15%' },
      0,
      2,
      { kind: 'percent', amount: 15, currency_id: currencyIds.czk, min_purchase_minor: 0 },
      { from: '14:00:00', to: '16:00:00' },
    ),
    reward(
      4,
      'BRNO50R',
      { cs: 'Sleva 50 Kč v Brně', en: '50 CZK off in Brno' },
      200,
      1,
      { kind: 'value', amount: 5000, currency_id: currencyIds.czk, min_purchase_minor: 0 },
      null,
      [storeIds.brno],
    ),
    reward(
      5,
      'MIN200',
      { cs: '200 Kč z nákupu nad 1000 Kč', en: '200 CZK off a purchase over 1000 CZK' },
      800,
      1,
      { kind: 'value', amount: 20000, currency_id: currencyIds.czk, min_purchase_minor: 100000 },
    ),
    reward(6, 'GIFT', { cs: 'Dárková karta', en: 'Gift card' }, 0, 4, {
      kind: 'gift',
      amount: 50000,
      currency_id: currencyIds.czk,
      min_purchase_minor: 0,
    }),
    reward(
      7,
      'EUR5',
      { cs: 'Sleva 5 €', en: '5 EUR off' },
      150,
      1,
      { kind: 'value', amount: 500, currency_id: currencyIds.eur, min_purchase_minor: 0 },
      null,
      [storeIds.bratislava],
    ),
    reward(
      8,
      'AUTO5',
      { cs: 'Narozeninová sleva 5 %', en: 'Birthday 5% off' },
      0,
      0,
      { kind: 'percent', amount: 5, currency_id: currencyIds.czk, min_purchase_minor: 0 },
      null,
      [],
      true,
    ),
    reward(
      10,
      'PARTY50',
      { cs: 'Pokladní odměna 50 Kč za 2000 bodů', en: '50 CZK off for 2000 points at the till' },
      2000,
      0,
      { kind: 'value', amount: 5000, currency_id: currencyIds.czk, min_purchase_minor: 0 },
    ),
    {
      ...reward(
        12,
        'COFFEE',
        { cs: 'Ke dvěma kávám croissant zdarma', en: 'Free croissant with two coffees' },
        0,
        2,
        { kind: 'percent', amount: 100, currency_id: currencyIds.czk, min_purchase_minor: 0 },
      ),
      condition: { plu: demoProducts.coffee, count: 2 },
      bonus: { plu: demoProducts.croissant, count: 1 },
    },
    {
      ...reward(11, 'GOLD15', { cs: 'Zlatá sleva 15 %', en: 'Gold 15% off' }, 0, 2, {
        kind: 'percent',
        amount: 15,
        currency_id: currencyIds.czk,
        min_purchase_minor: 0,
      }),
      status_ids: [statusIds.gold],
    },
    {
      ...reward(9, 'WEEKEND20', { cs: 'Víkendová sleva 20 %', en: 'Weekend 20% off' }, 0, 2, {
        kind: 'percent',
        amount: 20,
        currency_id: currencyIds.czk,
        min_purchase_minor: 0,
      }),
      valid_weekdays: [6, 7],
    },
  ];
  const r = (code: string) => rewards.find((x) => x.code === code)!.reward_id;

  let voucherSeq = 0;
  const vouchers: Voucher[] = [];
  const voucher = (code: string, owner: number, rewardCode: string, extra: Partial<Voucher> = {}) => {
    voucherSeq += 1;
    vouchers.push({
      voucher_id: id('voucher', voucherSeq),
      code,
      customer_id: customerId(owner),
      reward_id: r(rewardCode),
      store_id: null,
      bearer: false,
      valid_from: LONG_AGO,
      valid_to: FOREVER,
      applied_date: null,
      balance_minor: null,
      original_minor: null,
      note: '',
      state: 1,
      created_at: SEEDED_AT,
      last_change: SEEDED_AT,
      ...extra,
    });
  };
  voucher('DEMO100', 1, 'SLEVA100');
  voucher('DEMO10PCT', 1, 'SLEVA10');
  voucher('EXPIRED1', 1, 'SLEVA100', { valid_from: '2021-01-01 00:00:00', valid_to: '2021-12-31 23:59:59' });
  voucher('USED1', 1, 'SLEVA100', { applied_date: '2026-01-10 12:00:00' });
  voucher('BRNO50', 1, 'BRNO50R');
  voucher('OTHERCUST', 2, 'SLEVA100');
  voucher('MIN1000', 1, 'MIN200');
  voucher('FUTURE1', 1, 'SLEVA100', { valid_from: '2098-01-01 00:00:00' });
  voucher('HAPPYHOUR', 1, 'HAPPY15');
  voucher('EURO5', 9, 'EUR5', { store_id: storeIds.bratislava });
  voucher('PRAHAONLY', 1, 'SLEVA100', { store_id: storeIds.praha });
  voucher('WEEKEND', 1, 'WEEKEND20');
  voucher('PARTY', 1, 'PARTY50');
  voucher('GOLDONLY', 1, 'GOLD15');
  voucher('COFFEE2', 1, 'COFFEE');
  voucher('PARTYGOLD', 3, 'PARTY50');
  voucher('GIFT500', 2, 'GIFT', { bearer: true, balance_minor: 50000, original_minor: 50000 });
  // A used gift card's applied_date is its last use: balance, original value and use agree.
  voucher('GIFT1000', 2, 'GIFT', {
    bearer: true,
    balance_minor: 12000,
    original_minor: 100000,
    applied_date: '2026-01-10 12:00:00',
  });
  voucher('GIFTEMPTY', 2, 'GIFT', {
    bearer: true,
    balance_minor: 0,
    original_minor: 30000,
    applied_date: '2026-01-12 16:30:00',
  });
  voucher('GOLD10', 3, 'SLEVA10');
  for (let n = 11; n <= 30; n += 1)
    voucher(`V${String(n).padStart(4, '0')}`, n, n % 2 === 0 ? 'SLEVA100' : 'SLEVA10');

  const purchases: Purchase[] = [];
  const history: [number, string, number][] = [
    [1, '2026-01-05 10:15:00', 45900],
    [1, '2026-01-12 17:40:12', 12990],
    [3, '2026-01-08 11:02:45', 329000],
    [2, '2026-01-09 08:30:00', 8900],
  ];
  history.forEach(([owner, at, total], i) => {
    const purchaseId = id('purchase', i + 1);
    const earned = Math.floor(total / 1000);
    purchases.push({
      purchase_id: purchaseId,
      bill_id: `SEED-${i + 1}`,
      bill_number: null,
      canceled: false,
      canceled_by: null,
      store_id: storeIds.praha,
      cashdesk_number: 1,
      customer_id: customerId(owner),
      card_number: cardNumber(owner),
      type_id: purchaseTypeIds.store,
      payment_type: 'S',
      currency_id: currencyIds.czk,
      total_minor: total,
      payment_time: at,
      items: [
        {
          bill_item_id: '1',
          plu_code: `859000000${i}`,
          plu_name: 'Zboží',
          purchase_item_type_id: purchaseItemTypeIds.store,
          quantity: 1,
          price_minor: total,
          paid_minor: total,
          vat_rate: 21,
          loyalty_off: false,
        },
      ],
      earned_points: earned,
      used_points: 0,
      voucher_points: 0,
      used_credits_minor: 0,
      voucher_uses: [],
      last_change: at,
    });
    ledger.push({
      customer_id: customerId(owner),
      kind: 'points',
      amount: earned,
      currency_id: null,
      at,
      purchase_id: purchaseId,
    });
  });

  const n = (kind: string, i: number, textId: string, cs: string, en: string) => ({
    id: id(kind, i),
    text_id: textId,
    name: { cs, en },
  });
  return {
    version: 2,
    seq: 1000,
    stores,
    currencies: [
      {
        currency_id: currencyIds.czk,
        code: 'CZK',
        name: { cs: 'Česká koruna', en: 'Czech koruna' },
        rate_to_base: 1,
        point_value_minor: 100,
      },
      {
        currency_id: currencyIds.eur,
        code: 'EUR',
        name: { cs: 'Euro', en: 'Euro' },
        rate_to_base: 25,
        point_value_minor: 4,
      },
    ],
    payment_types: [
      n('payment-type', 1, 'cash', 'Hotově', 'Cash'),
      n('payment-type', 2, 'card', 'Platební karta', 'Payment card'),
      n('payment-type', 3, 'voucher', 'Poukázka', 'Voucher'),
      n('payment-type', 4, 'points', 'Body', 'Points'),
    ],
    purchase_types: [
      n('purchase-type', 1, 'store', 'Nákup na prodejně', 'In-store purchase'),
      n('purchase-type', 2, 'eshop', 'Nákup v e-shopu', 'Online purchase'),
    ],
    purchase_item_types: purchaseItemTypes(),
    countries: [
      n('country', 1, 'cz', 'Česko', 'Czechia'),
      n('country', 2, 'sk', 'Slovensko', 'Slovakia'),
      n('country', 3, 'at', 'Rakousko', 'Austria'),
      n('country', 4, 'de', 'Německo', 'Germany'),
      n('country', 5, 'pl', 'Polsko', 'Poland'),
    ],
    languages: [
      { language_id: 'cs', is_default: true },
      { language_id: 'en', is_default: false },
      { language_id: 'sk', is_default: false },
    ],
    statuses: [
      {
        status_id: statusIds.basic,
        text_id: 'basic',
        name: { cs: 'Základ', en: 'Basic' },
        description: { cs: 'Sbírá body, neplatí body', en: 'Collects points, cannot pay with them' },
        discount_percent: 0,
        collection_points: true,
        payment_points: false,
      },
      {
        status_id: statusIds.bronze,
        text_id: 'bronze',
        name: { cs: 'Bronz', en: 'Bronze' },
        description: { cs: 'Sbírá a platí body', en: 'Collects and pays with points' },
        discount_percent: 0,
        collection_points: true,
        payment_points: true,
      },
      {
        status_id: statusIds.silver,
        text_id: 'silver',
        name: { cs: 'Stříbro', en: 'Silver' },
        description: { cs: 'Sleva 3 % na nákup', en: '3% off every purchase' },
        discount_percent: 3,
        collection_points: true,
        payment_points: true,
      },
      {
        status_id: statusIds.gold,
        text_id: 'gold',
        name: { cs: 'Zlato', en: 'Gold' },
        description: { cs: 'Sleva 5 % na nákup', en: '5% off every purchase' },
        discount_percent: 5,
        collection_points: true,
        payment_points: true,
      },
    ],
    card_types: [
      {
        card_type_id: cardTypeIds.loyalty,
        text_id: 'loyalty',
        name: { cs: 'Věrnostní karta', en: 'Loyalty card' },
        prefix: '200',
      },
      {
        card_type_id: cardTypeIds.staff,
        text_id: 'staff',
        name: { cs: 'Zaměstnanecká karta', en: 'Staff card' },
        prefix: '299',
      },
    ],
    customer_sources: [
      n('customer-source', 1, 'pos', 'Pokladna', 'Checkout'),
      n('customer-source', 2, 'web', 'Web', 'Website'),
    ],
    customers,
    cards,
    rewards,
    vouchers,
    ledger,
    purchases,
  };

  function reward(
    i: number,
    code: string,
    name: { cs: string; en: string },
    pointsCost: number,
    group: 0 | 1 | 2 | 4,
    benefit: Reward['benefit'],
    window: { from: string; to: string } | null = null,
    storeList: string[] = [],
    automated = false,
  ): Reward {
    const typeId =
      benefit.kind === 'gift'
        ? rewardTypeIds.gift
        : benefit.kind === 'percent'
          ? rewardTypeIds.percent
          : rewardTypeIds.value;
    return {
      reward_id: id('reward', i),
      code,
      name,
      note: { cs: `Odměna ${name.cs}`, en: `Reward: ${name.en}` },
      points_cost: pointsCost,
      reward_group: group,
      reward_type_id: typeId,
      benefit,
      valid_time_from: window?.from ?? null,
      valid_time_to: window?.to ?? null,
      valid_weekdays: null,
      status_ids: null,
      condition: null,
      bonus: null,
      store_ids: storeList,
      is_automated: automated,
      priority: Math.min(9, i),
      state: 1,
      last_change: SEEDED_AT,
    };
  }
}

function store(
  i: number,
  code: string,
  name: { cs: string; en: string },
  city: string,
  street: string,
  zip: string,
  currencyId: string,
  cashdesks: number[],
  visible: 0 | 1,
  earning: Store['earning'],
): Store {
  return {
    store_id: id('store', i),
    store_code: code,
    name,
    partner_id: id('partner', 1),
    system_id: `POS-${code}`,
    currency_id: currencyId,
    cashdesks,
    city,
    street,
    zip,
    phone: `42022${String(i).padStart(7, '0')}`,
    email: `${code.toLowerCase()}@example.cz`,
    visible,
    earning,
  };
}

function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)]!;
}
