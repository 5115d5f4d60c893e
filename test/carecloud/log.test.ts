import { afterEach, describe, expect, it } from 'vitest';
import { maskPath, maskText } from '../../electron/log/mask.ts';
import { json } from '../support/loopback.ts';
import { fixture, type Fixture } from './fixture.ts';

describe('masking', () => {
  it('masks PII query parameters by name', () => {
    expect(maskPath('/customers?email=jana.novakova%40example.cz&count=10')).toBe(
      '/customers?email=j***@example.cz&count=10',
    );
    expect(maskPath('/cards?card_number=2900012345678')).toBe('/cards?card_number=*********5678');
    expect(maskPath('/customers?phone=%2B420%20777%20123%20456')).toBe('/customers?phone=********3456');
    expect(maskPath('/cards?card_number_list[]=111122223333&card_number_list[]=444455556666')).toBe(
      '/cards?card_number_list[]=********3333&card_number_list[]=********6666',
    );
    expect(maskPath('/customers?first_name=Jana&last_name=Nov%C3%A1kov%C3%A1')).toBe(
      '/customers?first_name=J***&last_name=N***',
    );
  });

  it('masks emails and long digit runs anywhere, but leaves ids alone', () => {
    expect(maskText('call +420 777 123 456 or mail a.b@c.cz')).toBe('call ********3456 or mail a***@c.cz');
    expect(maskPath('/customers/8bed991c68a470e7aaeffbf048')).toBe('/customers/8bed991c68a470e7aaeffbf048');
    expect(maskPath('/tests/connection?test_string=hello')).toBe('/tests/connection?test_string=hello');
    expect(maskPath('/customers/8bed991c68a470e7aaeffbf048/vouchers?count=100&is_valid=true')).toBe(
      '/customers/8bed991c68a470e7aaeffbf048/vouchers?count=100&is_valid=true',
    );
    // Named as personal data, or looking like it, wherever it stands in the query.
    expect(maskPath('/vouchers?count=1&code=GIFT-ONE')).toBe('/vouchers?count=1&code=G***');
    expect(maskPath('/cards?count=1&card_number_list[]=111122223333')).toBe(
      '/cards?count=1&card_number_list[]=********3333',
    );
    expect(maskPath('/customers?count=1&note=777123456')).toBe('/customers?count=1&note=*****3456');
    expect(maskPath('/customers?count=1&note=a%40b.cz')).toBe('/customers?count=1&note=a***@b.cz');
    // The Customer API's device token is a credential in the path.
    expect(maskPath('/tokens/4d8121dea8ae3c7b7fc66e6924ecc466/actions/login')).toBe(
      '/tokens/***/actions/login',
    );
    expect(maskPath('/tokens/4d8121dea8ae/actions/auth-token?external_application_id=x&token_type=1')).toBe(
      '/tokens/***/actions/auth-token?external_application_id=x&token_type=1',
    );
  });
});

describe('call log', () => {
  let f: Fixture;
  afterEach(async () => {
    await f?.close();
  });

  it('a logger that throws does not fail the call', async () => {
    f = await fixture({
      logger: {
        log() {
          throw new Error('disk full');
        },
      },
    });
    f.server.on('GET', '/customers', json(200, { data: { customers: [], total_items: 0 } }));
    await expect(f.client.customers.byEmail('a@b.cz')).resolves.toEqual({ items: [], totalItems: 0 });
  });

  it('logs a JSON line per attempt: method, path, status, duration, attempt, correlation id; PII masked', async () => {
    f = await fixture();
    f.server.on(
      'GET',
      '/customers',
      json(503, { error: { type: 't', exception: 'e', title: 'down', detail: 'd' } }),
      json(200, { data: { customers: [], total_items: 0 } }),
    );
    await f.client.customers.byEmail('jana.novakova@example.cz');
    await f.client.customers.byPhone('+420777123456');
    await f.client.cards.byNumber('2900012345678').catch(() => undefined);
    const lines = f.logs.filter(
      (l) => l.event === 'carecloud.call' && String(l.path).startsWith('/customers'),
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      method: 'GET',
      status: 503,
      attempt: 1,
      outcome: 'ServerError',
      level: 'warn',
    });
    expect(lines[1]).toMatchObject({ method: 'GET', status: 200, attempt: 2, outcome: 'ok' });
    expect(lines[0]!.correlationId).toBe(lines[1]!.correlationId);
    expect(lines[2]!.correlationId).not.toBe(lines[1]!.correlationId);
    expect(typeof lines[1]!.durationMs).toBe('number');
    const all = f.rawLogs.join('\n');
    expect(all).not.toContain('jana.novakova');
    expect(all).not.toContain('777123');
    expect(all).not.toContain('29000123');
  });

  it('logs why CareCloud refused a call: exception, title, parameter names and reasons, never the values', async () => {
    f = await fixture();
    const refused = {
      error: {
        type: 'https://developers.crmcarecloud.com/errors',
        exception: 'bad_request_exception',
        title: 'Bad Request',
        detail: 'Customer jana.novakova@example.cz with phone 420777123456 already exists',
        error_data: {
          invalid_params: [
            {
              name: 'customer.personal_information.email',
              reason: 'already_exists',
              value: 'jana.novakova@example.cz',
              message: 'jana.novakova@example.cz is taken',
            },
            { name: 'customer.personal_information.last_name', reason: 'empty', value: 'Nováková' },
          ],
        },
      },
    };
    f.server.on('POST', '/customers', json(400, refused));
    await f.client.customers
      .create({
        customer: { personal_information: { email: 'jana.novakova@example.cz', language_id: 'cs' } },
        customer_source: { customer_source_id: 's1' },
      } as never)
      .catch(() => undefined);
    f.server.on(
      'GET',
      '/customers',
      json(400, {
        error: {
          type: 't',
          exception: 'invalid_argument_exception',
          title: 'Bad Request',
          detail: 'Novakova',
          error_data: { parameter: 'first_name', expected_type: 'string', actual_type: 'null' },
        },
      }),
    );
    await f.client.customers.byName('Jana', 'Nováková').catch(() => undefined);

    const lines = f.logs.filter((l) => l.event === 'carecloud.call');
    expect(lines[1]).toMatchObject({
      method: 'POST',
      status: 400,
      outcome: 'InvalidRequestError',
      exception: 'bad_request_exception',
      title: 'Bad Request',
      reasons:
        'customer.personal_information.email:already_exists,customer.personal_information.last_name:empty',
    });
    expect(lines[2]).toMatchObject({
      status: 400,
      exception: 'invalid_argument_exception',
      parameter: 'first_name',
      expectedType: 'string',
      actualType: 'null',
    });
    const all = f.rawLogs.join('\n');
    expect(all).not.toContain('jana.novakova');
    expect(all).not.toContain('777123');
    expect(all).not.toMatch(/Nov[aá]kov[aá]/);
  });
});
