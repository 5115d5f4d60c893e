// `ccpos lookup <card number | email | phone>`: who is this customer, as the lane would
// see it. Exit 0 for an active customer, 1 when unknown, blocked, deleted or unreachable.
import type { components } from '../../../shared/carecloud/api-types.ts';
import type { CareCloudClient } from '../../carecloud/client.ts';
import { InvalidRequestError } from '../../carecloud/errors.ts';
import { storeCountry } from '../../carecloud/store-country.ts';
import { careCloudPhone } from '../../../shared/phone.ts';
import { clientFromConfig } from '../../config/client.ts';
import { CONFIG_FLAG_USAGE, FlagError, parseCommandLine } from '../../config/flags.ts';
import { loadConfig, missingSentence } from '../../config/load.ts';
import { describeFailure } from '../../diagnostics/describe-failure.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from '../command.ts';

type Customer = components['schemas']['Customer'];
type Card = components['schemas']['Card'];

export type LookupKey =
  | { kind: 'email'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'card'; value: string; maybePhone: boolean };

/** What CareCloud's phone filter is asked for: international digits, a local number with the store country's prefix. */
async function phoneFilter(client: CareCloudClient, storeId: string, typed: string): Promise<string> {
  const country = await storeCountry(client.reference, storeId).catch(() => null);
  return careCloudPhone(typed, country) ?? typed;
}

/** Email if it has an @, phone if it starts with + or is written with separators, otherwise a card number. */
export function classifyLookup(input: string): LookupKey | null {
  const value = input.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { kind: 'email', value };
  const digits = value.replace(/[\s\-()./]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return { kind: 'phone', value: digits };
  if (/^\d{9,15}$/.test(digits) && digits !== value) return { kind: 'phone', value: digits };
  if (/^[A-Za-z0-9-]{4,40}$/.test(value))
    return { kind: 'card', value, maybePhone: /^\d{9,15}$/.test(value) };
  return null;
}

const refusedFor = (error: unknown, reason: string) =>
  error instanceof InvalidRequestError && error.hasReason(reason);

function customerName(customer: Customer): string {
  const p = customer.personal_information;
  const name = [p?.pre_nominals, p?.first_name, p?.last_name].filter(Boolean).join(' ');
  return name || '(no name)';
}

async function printCustomer(
  client: CareCloudClient,
  io: CliIO,
  customerId: string,
  card: Card | undefined,
): Promise<number> {
  let customer: Customer | undefined;
  try {
    customer = await client.customers.get(customerId);
  } catch (error) {
    if (refusedFor(error, 'customer_was_deleted') || refusedFor(error, 'deleted')) {
      io.out(`The customer ${customerId} has been deleted in CareCloud.`);
      return EXIT_FAILED;
    }
    throw error;
  }
  if (!customer) throw new Error('CareCloud answered without the customer');
  if (customer.state === 0) {
    io.out(`The customer ${customerId} has been deleted in CareCloud.`);
    return EXIT_FAILED;
  }
  const cards = card ? [card] : (await client.cards.ofCustomer(customerId, { is_valid: true })).items;
  const points = await client.wallet.pointsOverview(customerId);
  io.out(`Customer  ${customerName(customer)} (${customerId})${customer.state === 2 ? ' (not active)' : ''}`);
  for (const c of cards) io.out(`Card      ${c.card_number}${c.state === 0 ? ' (blocked)' : ''}`);
  if (cards.length === 0) io.out('Card      none');
  io.out(`Points    ${points?.available_points ?? 0} available`);
  return EXIT_OK;
}

async function lookup(client: CareCloudClient, io: CliIO, key: LookupKey, storeId: string): Promise<number> {
  if (key.kind === 'card') {
    let card: Card | undefined;
    try {
      card = await client.cards.byNumber(key.value);
    } catch (error) {
      if (refusedFor(error, 'card_is_blocked')) {
        io.out(`The card ${key.value} is blocked.`);
        return EXIT_FAILED;
      }
      throw error;
    }
    if (card?.state === 0) {
      io.out(`The card ${key.value} is blocked.`);
      return EXIT_FAILED;
    }
    if (card && !card.customer_id) {
      io.out(`The card ${key.value} exists but belongs to no customer.`);
      return EXIT_FAILED;
    }
    if (card?.customer_id) return printCustomer(client, io, card.customer_id, card);
    if (key.maybePhone) return lookup(client, io, { kind: 'phone', value: key.value }, storeId);
    io.out(`No customer has the card ${key.value}.`);
    return EXIT_FAILED;
  }
  const page =
    key.kind === 'email'
      ? await client.customers.byEmail(key.value)
      : await client.customers.byPhone(await phoneFilter(client, storeId, key.value));
  const active = page.items.filter((c) => c.state !== 0);
  if (page.items.length > 0 && active.length === 0) {
    io.out(`The customer with ${key.kind} ${key.value} has been deleted in CareCloud.`);
    return EXIT_FAILED;
  }
  if (active.length === 0) {
    io.out(`No customer has the ${key.kind === 'email' ? 'email' : 'phone number'} ${key.value}.`);
    return EXIT_FAILED;
  }
  if (active.length > 1) {
    io.out(`${page.totalItems} customers have the ${key.kind} ${key.value}:`);
    for (const c of active.slice(0, 10)) io.out(`  ${customerName(c)} (${c.customer_id ?? '?'})`);
    return EXIT_OK;
  }
  return printCustomer(client, io, active[0]!.customer_id ?? '', undefined);
}

export const lookupCommand: Command = {
  name: 'lookup',
  summary: 'find a customer by card number, email or phone',
  usage: `lookup <card number | email | phone> ${CONFIG_FLAG_USAGE}`,
  async run(args: string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseCommandLine(args);
    } catch (error) {
      if (error instanceof FlagError) throw new UsageError(error.message);
      throw error;
    }
    if (parsed.positionals.length !== 1)
      throw new UsageError('Give exactly one card number, email or phone number.');
    const key = classifyLookup(parsed.positionals[0]!);
    if (!key)
      throw new UsageError(`"${parsed.positionals[0]}" is not a card number, an email or a phone number.`);
    const config = loadConfig(io.env, parsed.flags);
    const missing = missingSentence(config);
    if (missing) {
      io.err(missing);
      return EXIT_USAGE;
    }
    const { client, close } = clientFromConfig(config);
    try {
      return await lookup(client, io, key, config.settings.storeId);
    } catch (error) {
      io.err(`Lookup failed: ${describeFailure(error)}.`);
      return EXIT_FAILED;
    } finally {
      await close();
    }
  },
};
