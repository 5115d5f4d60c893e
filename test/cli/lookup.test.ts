import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyLookup } from '../../electron/cli/commands/lookup.ts';
import { json } from '../support/loopback.ts';
import { ccpos, world, type CliWorld } from './fixture.ts';

const jana = {
  customer_id: 'cu1',
  state: 1,
  personal_information: {
    first_name: 'Jana',
    last_name: 'Nováková',
    language_id: 'cs',
    email: 'jana@example.cz',
  },
};
const card = { card_id: 'k1', card_number: '2900012345678', card_type_id: 't', customer_id: 'cu1', state: 1 };
const refusal = (name: string, reason: string) =>
  json(400, {
    error: {
      type: 't',
      exception: 'bad_request_exception',
      title: 'Bad request',
      detail: reason,
      error_data: { invalid_params: [{ name, reason }] },
    },
  });

let w: CliWorld;
beforeEach(async () => {
  w = await world();
  w.server.on('GET', '/customers/cu1', json(200, { data: jana }));
  w.server.on('GET', '/wallet/actions/points-overview', json(200, { data: { available_points: 1250 } }));
  w.server.on('GET', '/customers/cu1/cards', json(200, { data: { cards: [card], total_items: 1 } }));
});
afterEach(async () => {
  await w.close();
});

describe('classifyLookup', () => {
  it('tells card numbers, emails and phones apart', () => {
    expect(classifyLookup('jana@example.cz')).toEqual({ kind: 'email', value: 'jana@example.cz' });
    expect(classifyLookup('+420 777 123 456')).toEqual({ kind: 'phone', value: '+420777123456' });
    expect(classifyLookup('777-123-456')).toEqual({ kind: 'phone', value: '777123456' });
    expect(classifyLookup('2900012345678')).toEqual({
      kind: 'card',
      value: '2900012345678',
      maybePhone: true,
    });
    expect(classifyLookup('CARD-0042')).toEqual({ kind: 'card', value: 'CARD-0042', maybePhone: false });
    expect(classifyLookup('a b')).toBeNull();
    expect(classifyLookup('')).toBeNull();
  });
});

describe('ccpos lookup', () => {
  it('prints the customer, card and points for a card number', async () => {
    w.server.on('GET', '/cards', json(200, { data: { cards: [card], total_items: 1 } }));
    const run = await ccpos(['lookup', '2900012345678'], w.env);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      'Customer  Jana Nováková (cu1)',
      'Card      2900012345678',
      'Points    1250 available',
    ]);
    expect(
      w.server.requests.find((r) => r.path === '/wallet/actions/points-overview')!.query.get('customer_id'),
    ).toBe('cu1');
  });

  it('finds by email and by phone', async () => {
    w.server.on('GET', '/customers', (request, res) =>
      json(200, {
        data: {
          customers:
            request.query.get('email') === 'jana@example.cz' || request.query.get('phone') === '420777123456'
              ? [jana]
              : [],
          total_items: 1,
        },
      })(request, res),
    );
    const byEmail = await ccpos(['lookup', 'jana@example.cz'], w.env);
    expect(byEmail.code).toBe(0);
    expect(byEmail.out[0]).toBe('Customer  Jana Nováková (cu1)');
    const byPhone = await ccpos(['lookup', '+420 777 123 456'], w.env);
    expect(byPhone.code).toBe(0);
    expect(byPhone.out[1]).toBe('Card      2900012345678');
  });

  it('says so when nobody is found, exit 1', async () => {
    w.server.on('GET', '/cards', json(200, { data: { cards: [], total_items: 0 } }));
    w.server.on('GET', '/customers', json(200, { data: { customers: [], total_items: 0 } }));
    const card = await ccpos(['lookup', 'CARD-0042'], w.env);
    expect(card).toMatchObject({ code: 1, out: ['No customer has the card CARD-0042.'] });
    // All digits: not a known card, so tried as a phone number too.
    const digits = await ccpos(['lookup', '777123456'], w.env);
    expect(digits).toMatchObject({ code: 1, out: ['No customer has the phone number 777123456.'] });
    expect(
      w.server.requests.some((r) => r.path === '/customers' && r.query.get('phone') === '777123456'),
    ).toBe(true);
  });

  it('reports a blocked card, whether CareCloud marks it or refuses it', async () => {
    w.server.on('GET', '/cards', json(200, { data: { cards: [{ ...card, state: 0 }], total_items: 1 } }));
    expect(await ccpos(['lookup', '2900012345678'], w.env)).toMatchObject({
      code: 1,
      out: ['The card 2900012345678 is blocked.'],
    });
    w.server.on('GET', '/cards', refusal('card_number', 'card_is_blocked'));
    expect(await ccpos(['lookup', '2900012345678'], w.env)).toMatchObject({
      code: 1,
      out: ['The card 2900012345678 is blocked.'],
    });
  });

  it('reports a deleted customer', async () => {
    w.server.on('GET', '/cards', json(200, { data: { cards: [card], total_items: 1 } }));
    w.server.on('GET', '/customers/cu1', json(200, { data: { ...jana, state: 0 } }));
    expect(await ccpos(['lookup', '2900012345678'], w.env)).toMatchObject({
      code: 1,
      out: ['The customer cu1 has been deleted in CareCloud.'],
    });
    w.server.on('GET', '/customers/cu1', refusal('customer_id', 'customer_was_deleted'));
    expect(await ccpos(['lookup', '2900012345678'], w.env)).toMatchObject({
      code: 1,
      out: ['The customer cu1 has been deleted in CareCloud.'],
    });
  });

  it('exits 1 with a sentence when CareCloud fails, 2 on usage and configuration problems', async () => {
    w.server.on('GET', '/cards', json(200, { nope: true }));
    const broken = await ccpos(['lookup', 'CARD-0042'], w.env);
    expect(broken.code).toBe(1);
    expect(broken.err[0]).toMatch(/^Lookup failed: something other than CareCloud's API answered/);

    expect((await ccpos(['lookup'], w.env)).code).toBe(2);
    expect((await ccpos(['lookup', 'a b'], w.env)).code).toBe(2);
    const noPassword = await ccpos(['lookup', 'CARD-0042'], { ...w.env, CARECLOUD_PASSWORD: undefined });
    expect(noPassword).toMatchObject({
      code: 2,
      err: ['CareCloud is not configured: set CARECLOUD_PASSWORD (or --password-stdin or --password-file).'],
    });
    const insecure = await ccpos(['lookup', 'CARD-0042', '--project-url', 'http://shop.example.com'], w.env);
    expect(insecure.code).toBe(2);
    expect(insecure.err[0]).toMatch(/must start with https:\/\/.*--project-url/);
  });
});
