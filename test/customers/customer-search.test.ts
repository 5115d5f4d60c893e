// The lane's customer search through the terminal's own wiring against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerId } from '../../sandbox/seed.ts';
import { cashierPin, openCheckout, type CheckoutFixture } from '../checkout/fixture.ts';

describe('customer search at the lane', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it.each(['+420 601 000 001', '00420601000001', '601 000 001', '420601000001'])(
    'finds the customer by the phone number %s',
    async (query) => {
      const found = await f.ok('customers.search', { query });
      expect(found.customers.map((c) => c.id)).toEqual([customerId(1)]);
    },
  );
});
