// What a sign-up at the lane asks of CareCloud, as the sandbox answers it: the consents in
// the asked language, whether an identifier is free, customers created with their consents,
// and one-time codes a test reads through the control API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardTypeIds, demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { reasons } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: () => new Date('2026-03-01T08:00:00Z') });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const sourceId = async () =>
  (await sandbox.call<OkBody<'getCustomerSources'>>('GET', '/customer-sources')).body.data
    .customer_sources[0]!.customer_source_id;
const newCustomer = async (info: Record<string, unknown>) =>
  sandbox.call('POST', '/customers', {
    body: {
      autologin: false,
      customer: {
        personal_information: { language_id: 'cs', first_name: 'Alena', last_name: 'Malá', ...info },
      },
      customer_source: { customer_source_id: await sourceId() },
    },
  });
const canRegister = async (type: 'email' | 'phone', value: string) =>
  sandbox.call<OkBody<'postCustomersCheckRegistrationAbility'>>(
    'POST',
    '/customers/actions/check-registration-ability',
    { body: { type, value } },
  );

describe('consents', () => {
  it('lists the three consents with texts in the language asked for, filtered by text id', async () => {
    const cs = await sandbox.call<OkBody<'getConsents'>>('GET', '/agreements', {
      headers: { 'Accept-Language': 'cs' },
    });
    const en = await sandbox.call<OkBody<'getConsents'>>('GET', '/agreements', {
      headers: { 'Accept-Language': 'en' },
    });
    expect(cs.body.data.total_items).toBe(3);
    expect(cs.body.data.agreements.map((a) => a.text_id)).toEqual([
      'agreement_gtc',
      'agreement_marketing_communication',
      'agreement_profiling',
    ]);
    expect(en.body.data.agreements[0]!.name).toBe('Processing of personal data');
    expect(cs.body.data.agreements[0]!.name).toBe('Zpracování osobních údajů');
    const one = await sandbox.call<OkBody<'getConsents'>>('GET', '/agreements', {
      query: { text_id: 'agreement_marketing_communication' },
    });
    expect(one.body.data.agreements).toHaveLength(1);
  });

  it('keeps the consents a new customer gave and refuses an unknown consent', async () => {
    const agreements = (await sandbox.call<OkBody<'getConsents'>>('GET', '/agreements')).body.data.agreements;
    const created = await newCustomer({
      email: 'alena.mala@example.cz',
      consents: [{ consent_id: agreements[0]!.agreement_id, consent_value: 1 }],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { data: { customer_id: string } }).data.customer_id;
    const read = await sandbox.call<OkBody<'getCustomer'>>('GET', `/customers/${id}`);
    expect(read.body.data.personal_information.consents).toEqual([
      { consent_id: agreements[0]!.agreement_id, consent_value: 1 },
    ]);
    const unknown = await newCustomer({
      email: 'other@example.cz',
      consents: [{ consent_id: 'nope', consent_value: 1 }],
    });
    expect(unknown.status).toBe(400);
    expect(reasons(unknown.body)).toEqual(['consent_id:not_found']);
  });
});

describe('registration ability', () => {
  it('says an e-mail or phone is taken by a customer, case aside for e-mail, and free otherwise', async () => {
    expect((await canRegister('email', 'Jana.Novakova@example.cz')).body.data.registration_ability).toBe(
      false,
    );
    expect((await canRegister('phone', '420601000001')).body.data.registration_ability).toBe(false);
    expect((await canRegister('email', 'nobody.yet@example.cz')).body.data.registration_ability).toBe(true);
    expect((await canRegister('phone', '420777000999')).body.data.registration_ability).toBe(true);
  });

  it('refuses a value that is not an e-mail or a phone number, and an unknown type', async () => {
    expect(reasons((await canRegister('email', 'not-an-email')).body)).toEqual([
      'value:invalid_value_format',
    ]);
    expect(reasons((await canRegister('phone', '+420 601')).body)).toEqual(['value:invalid_value_format']);
    const fax = await sandbox.call('POST', '/customers/actions/check-registration-ability', {
      body: { type: 'fax', value: '1' },
    });
    expect(fax.status).toBe(400);
  });

  it('refuses a second customer with a phone or e-mail already registered, and a future birth date', async () => {
    expect(reasons((await newCustomer({ phone: '420601000002' })).body)).toEqual(['phone:already_exists']);
    expect(reasons((await newCustomer({ email: 'petr.svoboda@example.cz' })).body)).toEqual([
      'email:already_exists',
    ]);
    expect(reasons((await newCustomer({ email: 'x@example.cz', birthdate: '2030-01-01' })).body)).toEqual([
      'birthdate:invalid_value_format',
    ]);
  });
});

describe('one-time passwords', () => {
  const app = () => sandbox.credentials.user_external_application_id;
  const send = (body: Record<string, unknown>) =>
    sandbox.call<OkBody<'postSendOtp'>>('POST', '/one-time-password/actions/send', {
      body: {
        external_application_id: app(),
        communication_channel_id: 2,
        recipient: '420777000111',
        otp_type: 2,
        ...body,
      },
    });
  const verify = (requestId: string, code: string) =>
    sandbox.call<OkBody<'postVerifyOtp'>>('POST', '/one-time-password/actions/verify', {
      body: { external_application_id: app(), request_id: requestId, verification_code: code },
    });

  it('sends a numeric code a test reads through the control API; it verifies once', async () => {
    const sent = await send({});
    const requestId = sent.body.data.request_id!;
    const code = sandbox.control.oneTimePasswords().find((o) => o.request_id === requestId)!.code;
    expect(code).toMatch(/^\d{6}$/);
    expect((await verify(requestId, code === '000000' ? '999999' : '000000')).body.data.is_valid).toBe(false);
    expect((await verify(requestId, code)).body.data.is_valid).toBe(true);
    expect((await verify(requestId, code)).body.data.is_valid).toBe(false);
    const over = await fetch(`${sandbox.controlUrl}/one-time-passwords`, {
      headers: { Authorization: `Bearer ${sandbox.controlToken}` },
    });
    expect(
      ((await over.json()) as { one_time_passwords: { request_id: string; used: boolean }[] })
        .one_time_passwords,
    ).toEqual([expect.objectContaining({ request_id: requestId, used: true })]);
  });

  it('refuses another application, a recipient of the wrong shape and an unknown request', async () => {
    expect(reasons((await send({ external_application_id: 'someone-else' })).body)).toEqual([
      'external_application_id:not_found',
    ]);
    expect(reasons((await send({ recipient: 'jana@example.cz' })).body)).toEqual([
      'recipient:invalid_value_format',
    ]);
    expect(reasons((await send({ communication_channel_id: 1, recipient: '420777000111' })).body)).toEqual([
      'recipient:invalid_value_format',
    ]);
    expect(reasons((await verify('no-such-request', '123456')).body)).toEqual(['request_id:not_found']);
  });
});

describe('free cards', () => {
  it('a dropped answer of one operation only: the card is assigned though its answer was lost', async () => {
    sandbox.control.dropNext(1, 'postAssignCard');
    const customer = (await newCustomer({ email: 'drop@example.cz' })).body as {
      data: { customer_id: string };
    };
    expect((await sandbox.call('GET', '/cards', { query: { card_number: demo.cards.free } })).status).toBe(
      200,
    );
    await expect(
      sandbox.call('POST', '/cards/actions/assign-free-card', {
        body: {
          card_type_id: cardTypeIds.loyalty,
          customer_id: customer.data.customer_id,
          card_number: demo.cards.free,
        },
      }),
    ).rejects.toThrow();
    const card = await sandbox.call<OkBody<'getCards'>>('GET', '/cards', {
      query: { card_number: demo.cards.free },
    });
    expect(card.body.data.cards[0]!.customer_id).toBe(customer.data.customer_id);
  });
});
