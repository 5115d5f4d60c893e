// A terminal wired to a real sandbox for integration tests: journal in a temp dir,
// the real CareCloud client, the sync engine over it, and bills the sandbox accepts.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCareCloudClient } from '../../electron/carecloud/client.ts';
import { Journal } from '../../electron/journal/journal.ts';
import { createSyncEngine } from '../../electron/sync/create-engine.ts';
import { defaultSettings } from '../../shared/settings.ts';
import { purchaseEntry, type ClosedBill } from '../../electron/sync/closure.ts';
import type { SyncEngine, SyncPolicy } from '../../electron/sync/engine.ts';
import {
  cardNumber,
  currencyIds,
  customerId,
  purchaseItemTypeIds,
  purchaseTypeIds,
  storeIds,
} from '../../sandbox/seed.ts';
import type { TestSandbox } from '../support/sandbox.ts';
import { tempDir } from '../journal/helpers.ts';

export const terminal = { timeZone: 'Europe/Prague' };

let saleCounter = 0;
export function bill(options: { customer?: number; vouchers?: string[]; total?: number } = {}): ClosedBill {
  const customer = options.customer ?? 1;
  const total = options.total ?? 250 + (saleCounter++ % 50);
  return {
    storeId: storeIds.praha,
    cashdesk: 2,
    operator: 'cashier-7',
    customerId: customerId(customer),
    cardNumber: cardNumber(customer),
    bill: {
      currency_id: currencyIds.czk,
      total_price: total,
      purchase_type_id: purchaseTypeIds.store,
      payment_type: 'A',
      bill_items: [
        {
          plu_ids: [{ list_code: 'GLOBAL', code: '8590000000017' }],
          plu_name: 'Chléb',
          vat_rate: 12,
          quantity: 1,
          price: total,
          paid_amount: total,
          bill_item_id: '1',
          loyalty_off: false,
          purchase_item_type_id: purchaseItemTypeIds.store,
        },
      ],
      ...(options.vouchers
        ? { payment_recap: { vouchers: options.vouchers.map((code) => ({ code })) } }
        : {}),
    },
  };
}

export const sale = (options?: Parameters<typeof bill>[0]) => purchaseEntry(bill(options), terminal);

export interface SandboxTerminal {
  dir: string;
  journal: Journal;
  engine: SyncEngine;
  close(): Promise<void>;
}

export const fastPolicy: Partial<SyncPolicy> = {
  sendTimeoutMs: 1_000,
  probeTimeoutMs: 500,
  breakerThreshold: 2,
  probeBackoff: { baseMs: 5, maxMs: 20 },
  entryBackoff: { baseMs: 5, maxMs: 20 },
  ratePerSecond: 500,
  concurrency: 4,
};

export function sandboxTerminal(
  projectUrl: string,
  sandbox: Pick<TestSandbox, 'credentials'>,
  policy: Partial<SyncPolicy> = fastPolicy,
  dir?: string,
): SandboxTerminal {
  const temp = dir ? null : tempDir();
  const home = dir ?? temp!.dir;
  const journal = Journal.open(join(home, 'journal.db'));
  const client = createCareCloudClient({
    projectUrl,
    credentials: {
      externalApplicationId: sandbox.credentials.user_external_application_id,
      login: sandbox.credentials.login,
      password: sandbox.credentials.password,
    },
    language: 'en',
    timeZone: terminal.timeZone,
  });
  const engine = createSyncEngine({ journal, client, settings: defaultSettings, label: 'test', policy });
  return {
    dir: home,
    journal,
    engine,
    async close() {
      await engine.stop();
      journal.close();
      temp?.cleanup();
    },
  };
}

/**
 * A proxy in front of the sandbox that can answer with its own HTML error page, as a captive portal or a broken gateway
 * does.
 */
export async function htmlProxy(
  target: string,
): Promise<{ url: string; html: boolean; close(): Promise<void> }> {
  const upstream = new URL(target);
  const state = { html: false };
  const server: Server = createServer((req, res) => {
    if (state.html) {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>');
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get html() {
      return state.html;
    },
    set html(value: boolean) {
      state.html = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
