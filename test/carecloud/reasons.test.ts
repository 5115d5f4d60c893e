// Every reason code the vendor documents, answered by a real server, comes back parsed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../electron/carecloud/errors.ts';
import { contractPaths, type ReasonCodes } from '../../scripts/contract/build.ts';
import { json } from '../support/loopback.ts';
import { fixture, type Fixture } from './fixture.ts';

// The reason tables of CareCloud's conventions, kept as data by `npm run contract`.
const codes: ReasonCodes = JSON.parse(readFileSync(contractPaths.reasons, 'utf8'));
const generic = codes.generic;
const specific = codes.purchase;

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f.close();
});

function refusal(
  invalidParams: unknown[],
  exception = 'bad_request_exception',
  errorData?: Record<string, unknown>,
) {
  return json(400, {
    error: {
      type: 'https://example.test/errors',
      exception,
      title: 'Bad request',
      detail: 'Refused',
      error_data: errorData ?? { invalid_params: invalidParams },
    },
  });
}

async function refusedWith(answer: ReturnType<typeof refusal>): Promise<InvalidRequestError> {
  f.server.on('POST', '/purchases/actions/accept-payment', answer);
  const error = await f.client.pipeline
    .request({ method: 'POST', path: '/purchases/actions/accept-payment', body: {}, idempotent: true })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidRequestError);
  return error as InvalidRequestError;
}

describe('documented reason codes', () => {
  it('finds the tables in the conventions', () => {
    expect(generic.length).toBeGreaterThanOrEqual(9);
    expect(specific.length).toBeGreaterThanOrEqual(30);
  });

  it.each([...generic.map((reason) => ({ name: 'customer_id', reason })), ...specific])(
    '$name / $reason',
    async ({ name, reason }) => {
      const error = await refusedWith(
        refusal([{ name, reason, value: 'x-1', message: `Refused: ${reason}` }]),
      );
      expect(error.status).toBe(400);
      expect(error.body.exception).toBe('bad_request_exception');
      expect(error.hasReason(reason, name)).toBe(true);
      expect(error.invalidParams[0]).toEqual({ name, reason, value: 'x-1', message: `Refused: ${reason}` });
    },
  );

  it('keeps every entry when several come back', async () => {
    const error = await refusedWith(
      refusal([
        { name: 'benefit_codes', reason: 'voucher_expired', value: 'A1' },
        { name: 'benefit_codes', reason: 'voucher_already_used', value: 'B2' },
        { name: ['bill', 'bill_items', 0, 'price'], reason: 'invalid_value_format' },
      ]),
    );
    expect(error.invalidParams.map((p) => [p.name, p.reason])).toEqual([
      ['benefit_codes', 'voucher_expired'],
      ['benefit_codes', 'voucher_already_used'],
      ['bill.bill_items.0.price', 'invalid_value_format'],
    ]);
  });

  it('missing_argument_exception names its parameter', async () => {
    const error = await refusedWith(
      refusal([], 'missing_argument_exception', { parameter: 'code', object_of_parameter: 'PluId' }),
    );
    expect(error.body.exception).toBe('missing_argument_exception');
    expect(error.hasReason('missing_argument', 'code')).toBe(true);
    expect(error.body.error_data).toEqual({ parameter: 'code', object_of_parameter: 'PluId' });
  });

  it('invalid_argument_exception names its parameter and types', async () => {
    const error = await refusedWith(
      refusal([], 'invalid_argument_exception', {
        expected_type: 'string',
        actual_type: 'null',
        parameter: 'payment_type',
      }),
    );
    expect(error.hasReason('invalid_argument', 'payment_type')).toBe(true);
    expect(error.body.error_data).toMatchObject({ expected_type: 'string', actual_type: 'null' });
  });

  it('survives hostile entries', async () => {
    const error = await refusedWith(
      refusal([
        null,
        7,
        'x',
        { reason: 5, name: { deep: true } },
        { name: 'bill_id', reason: 'already_exists' },
      ]),
    );
    expect(error.hasReason('already_exists', 'bill_id')).toBe(true);
    expect(error.invalidParams).toHaveLength(2);
  });
});
