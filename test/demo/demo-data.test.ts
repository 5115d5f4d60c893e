// The demo a newcomer meets: the till's demo catalogue, the sandbox's products and
// earning rules agree with each other and with the scan rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../electron/checkout/catalogue-file.ts';
import { cheatsheet } from '../../sandbox/cheatsheet.ts';
import { Project } from '../../sandbox/project.ts';
import { currencyIds, demo, demoProducts, storeIds } from '../../sandbox/seed.ts';
import { isValidGtin } from '../../shared/input/check-digit.ts';
import type { Catalogue } from '../../shared/checkout/catalogue.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { acceptPayment } from '../sandbox/bills.ts';

let dataDir: string;
let catalogue: Catalogue;
let sandbox: TestSandbox;

beforeAll(async () => {
  // The demo terminal's own way to its product list: a data folder without catalogue.json.
  dataDir = mkdtempSync(join(tmpdir(), 'ccpos-demo-'));
  catalogue = loadCatalogue(dataDir, true);
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await sandbox.close();
});

describe('demo catalogue', () => {
  it('gives every EAN product a valid check digit, in its PLU and in each barcode', () => {
    const all = catalogue.all();
    expect(all.length).toBeGreaterThan(5);
    for (const product of all) {
      for (const code of product.barcodes) expect(isValidGtin(code), `${product.name} ${code}`).toBe(true);
      if (product.pluList === 'EAN')
        expect(isValidGtin(product.plu), `${product.name} ${product.plu}`).toBe(true);
    }
  });

  it('holds the products the demo rewards name, so the coffee-and-croissant voucher works at the till', () => {
    expect(catalogue.byCode(demoProducts.coffee)?.name).toMatch(/Káva/);
    expect(catalogue.byCode(demoProducts.croissant)?.name).toMatch(/Croissant/);
    expect(
      cheatsheet(new Project(), demo.credentials, null).vouchers.find(
        (v) => v.code === demo.vouchers.productCondition,
      )?.shows,
    ).toContain(demoProducts.coffee);
  });
});

describe('earning rules', () => {
  it("states each store's rule in its own currency, the EUR store's in EUR", () => {
    const stores = cheatsheet(new Project(), demo.credentials, null).stores;
    expect(stores.find((s) => s.store_id === storeIds.praha)?.earning).toBe('1 point per 10 CZK');
    expect(stores.find((s) => s.store_id === storeIds.bratislava)?.earning).toBe('1 point per 0.40 EUR');
    for (const store of stores) expect(store.earning.endsWith(` ${store.currency}`)).toBe(true);
  });

  it('earns in the EUR store by its EUR rule: 1 point for every 0.40 EUR', async () => {
    const earned = async (price: number) => {
      const res = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
        'POST',
        '/purchases/actions/accept-payment',
        {
          body: acceptPayment(
            [{ price }],
            { store_id: storeIds.bratislava, card_number: demo.cards.euroCustomer },
            { currency_id: currencyIds.eur },
          ),
        },
      );
      expect(res.status).toBe(200);
      return res.body.data.credit_points_of_this_transaction;
    };
    expect(await earned(4)).toBe(10);
    expect(await earned(0.39)).toBe(0);
    expect(await earned(0.8)).toBe(2);
  });

  it("reads a state file written when rules were counted in CZK, converting the EUR store's rule", () => {
    const current = new Project().data;
    const older = {
      ...current,
      version: 1,
      stores: current.stores.map((s) =>
        s.store_id === storeIds.bratislava ? { ...s, earning: { points: 1, per_minor: 1000 } } : s,
      ),
    };
    const read = Project.fromJson(JSON.stringify(older)).data;
    expect(read.version).toBe(2);
    expect(read.stores.find((s) => s.store_id === storeIds.bratislava)?.earning).toEqual({
      points: 1,
      per_minor: 40,
    });
    expect(read.stores.find((s) => s.store_id === storeIds.praha)?.earning).toEqual({
      points: 1,
      per_minor: 1000,
    });
  });
});
