// The sandbox answers as CareCloud's conventions say: birthdates in both forms the spec
// allows, a null for a string as the argument exception, and error details in the
// language Accept-Language asks for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../electron/carecloud/response.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type ErrorBody, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { bill } from '../sync/sandbox-terminal.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

async function regularCustomer() {
  const res = await sandbox.call<OkBody<'getCustomer'>>('GET', `/customers/${demo.customers.regular}`);
  return res.body.data.personal_information;
}

describe('birthdate filters', () => {
  it('find the customer by DD.MM.YYYY as by YYYY-MM-DD, in the list and in the strict search', async () => {
    const info = await regularCustomer();
    const [year, month, day] = info.birthdate.split('-');
    const czech = `${day}.${month}.${year}`;
    for (const birthdate of [info.birthdate, czech]) {
      const list = await sandbox.call<OkBody<'getCustomers'>>('GET', '/customers', {
        query: { birthdate, last_name: info.last_name },
      });
      expect(list.body.data.customers.map((c) => c.customer_id)).toContain(demo.customers.regular);
    }
    const strict = await sandbox.call<OkBody<'getCustomerSearch'>>(
      'GET',
      '/customers/actions/search-customers',
      {
        query: {
          mode: 'strict',
          first_name: info.first_name,
          last_name: info.last_name,
          birthdate: czech,
          card_number: demo.cards.regular,
        },
      },
    );
    expect(strict.body.data.strict).toEqual([
      expect.objectContaining({ customer_id: demo.customers.regular, match: 100 }),
    ]);
  });
});

describe('a null where the contract wants a string', () => {
  it('is an invalid_argument_exception naming expected_type, actual_type and parameter', async () => {
    const sale = bill();
    const body = {
      store_id: sale.storeId,
      cashdesk_number: sale.cashdesk,
      bill: {
        ...sale.bill,
        bill_id: `NULL-${Date.now()}`,
        payment_time: '2026-06-15 12:00:00',
        canceled: false,
        payment_type: null,
      },
    };
    const res = await sandbox.call<ErrorBody>('POST', '/purchases/actions/send-purchase', {
      body,
      headers: { 'Accept-Language': 'en' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      exception: 'invalid_argument_exception',
      error_data: { expected_type: 'string', actual_type: 'null', parameter: 'payment_type' },
    });
    // The client reads it as one refused parameter, like every other 400.
    expect(parseErrorBody(res.body.error as unknown as Record<string, unknown>).invalid_params).toEqual([
      expect.objectContaining({ name: 'payment_type', reason: 'invalid_argument', value: 'null' }),
    ]);
  });
});

describe('error details follow Accept-Language', () => {
  it('answers in Czech by default and when asked, in English when asked', async () => {
    const token = await sandbox.token();
    const refused = (lang?: string) =>
      sandbox.call<ErrorBody>('GET', '/cards', {
        query: { card_number: demo.cards.regular, count: 0 },
        token,
        ...(lang ? { headers: { 'Accept-Language': lang } } : {}),
      });
    expect((await refused('en')).body.error.detail).toBe('Invalid parameters (count: not_allowed_value).');
    expect((await refused('cs')).body.error.detail).toBe('Neplatné parametry (count: not_allowed_value).');
    expect((await refused()).body.error.detail).toBe('Neplatné parametry (count: not_allowed_value).');
    expect((await refused('de, en-GB;q=0.8, cs;q=0.5')).body.error.detail).toBe(
      'Invalid parameters (count: not_allowed_value).',
    );

    const unknown = await sandbox.call<ErrorBody>('GET', '/customers/nobody', {
      headers: { 'Accept-Language': 'cs' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.detail).toBe('Záznam customers nobody neexistuje.');
    const noToken = await sandbox.call<ErrorBody>('GET', '/cards', {
      token: false,
      headers: { 'Accept-Language': 'cs' },
    });
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.detail).toBe('Je potřeba bearer token.');
  });
});
