// The control API under /__sandbox/ on its own listener. Bodies are checked like any
// other input; a bad one gets a 400 that says what is wrong.
import { z } from 'zod';
import type { SentMessage } from './customer-api.ts';
import type { Faults, NetworkMode } from './faults.ts';
import type { EarningRule } from './model.ts';
import type { Project } from './project.ts';
import type { ReceivedBill, ReceivedRequest } from './received.ts';
import type { RateLimit } from './tokens.ts';

/** A login code as the customer's mobile app would show it (GET /tokens/{id}/actions/auth-token). */
export interface MintedAppLoginCode {
  authentication_token: string;
  token_request_id: string;
  valid_to: string;
  /** The text of the app's QR code: `<token_request_id>:<authentication_token>`. */
  code: string;
}

/** What a test or the control listener can make the sandbox do. */
export interface SandboxControl {
  cutNetwork(mode: Exclude<NetworkMode, 'up'>): Promise<void>;
  restoreNetwork(): Promise<void>;
  /** Answer `status` to the next `count` requests. */
  failNext(status: 500 | 503, count: number): void;
  /** Answer `status` to every request for `ms` milliseconds. */
  failFor(status: 500 | 503, ms: number): void;
  setLatency(ms: number): void;
  /**
   * Cut the next `count` responses (of `operationId` only, when given) off mid-body; the requests still take effect.
   */
  dropNext(count: number, operationId?: string): void;
  expireTokens(): number;
  setRateLimit(limit: RateLimit | null): void;
  setEarningRule(storeId: string, rule: EarningRule): void;
  /**
   * A login code for this customer (by id or card number) for a Customer API application, as their mobile app would get
   * one.
   */
  mintAppLoginCode(
    customer: { customerId: string } | { cardNumber: string },
    applicationId?: string,
  ): MintedAppLoginCode;
  /** Every login code issued so far is expired from now on. */
  expireAppLoginCodes(): number;
  /** Drops every Customer API device token (as if each had been replaced elsewhere). */
  revokeDeviceTokens(): number;
  /**
   * Whether this project allows an operation on the Customer API; a refused one answers 403
   * `interface_not_allowed_exception`.
   */
  allowOnCustomerApi(operationId: string, allowed: boolean): void;
  /** Changes the project just before the next request for `operationId` is handled (another till acting in between). */
  beforeNext(operationId: string, action: (project: Project) => void): void;
  /** Password set-up messages the Customer API was asked to send. */
  outbox(): SentMessage[];
  clearFaults(): void;
  /** Back to the seed: data, received log and faults. Tokens stay valid. */
  reset(): void;
  requests(): ReceivedRequest[];
  purchases(): ReceivedBill[];
  /** One-time passwords sent, newest last: what the customer would read in the message. */
  oneTimePasswords(): { request_id: string; recipient: string; code: string; used: boolean }[];
  status(): ReturnType<Faults['describe']> & { rate_limit: RateLimit | null; requests: number };
}

const fault = z.union([z.literal(500), z.literal(503)]);
const bodies = {
  network: z.object({ mode: z.enum(['up', 'refuse', 'hang']) }),
  errors: z
    .object({
      status: fault,
      count: z.number().int().min(1).optional(),
      duration_ms: z.number().int().min(1).optional(),
    })
    .refine((b) => (b.count === undefined) !== (b.duration_ms === undefined), 'give count or duration_ms'),
  latency: z.object({ ms: z.number().int().min(0).max(600_000) }),
  drop: z.object({ count: z.number().int().min(0), operation_id: z.string().min(1).max(100).optional() }),
  rateLimit: z.union([
    z.object({ per_second: z.number().positive(), burst: z.number().int().min(1) }),
    z.object({ off: z.literal(true) }),
  ]),
  earningRule: z.object({
    store_id: z.string(),
    points: z.number().int().min(0),
    per_minor: z.number().int().min(1),
  }),
  appLoginCode: z
    .object({
      customer_id: z.string().min(1).optional(),
      card_number: z.string().min(1).optional(),
      application_id: z.string().min(1).optional(),
    })
    .refine(
      (b) => (b.customer_id === undefined) !== (b.card_number === undefined),
      'give customer_id or card_number',
    ),
};

export interface ControlReply {
  status: number;
  body: unknown;
}

export async function handleControl(
  control: SandboxControl,
  method: string,
  url: string,
  text: string,
): Promise<ControlReply> {
  const path = url.split('?')[0]!.replace(/\/$/, '');
  const key = `${method.toUpperCase()} ${path}`;
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      return { status: 400, body: { error: 'the body is not JSON' } };
    }
  }
  const parse = <T>(schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; reply: ControlReply } => {
    const result = schema.safeParse(json);
    if (result.success) return { ok: true, value: result.data };
    return {
      ok: false,
      reply: {
        status: 400,
        body: {
          error: result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        },
      },
    };
  };
  const done = { status: 200, body: { ok: true } };
  switch (key) {
    case 'GET /__sandbox/status':
      return { status: 200, body: control.status() };
    case 'GET /__sandbox/requests':
      return { status: 200, body: { requests: control.requests() } };
    case 'GET /__sandbox/purchases':
      return { status: 200, body: { purchases: control.purchases() } };
    case 'GET /__sandbox/one-time-passwords':
      return { status: 200, body: { one_time_passwords: control.oneTimePasswords() } };
    case 'POST /__sandbox/network': {
      const parsed = parse(bodies.network);
      if (!parsed.ok) return parsed.reply;
      const b = parsed.value;
      if (b.mode === 'up') await control.restoreNetwork();
      else await control.cutNetwork(b.mode);
      return done;
    }
    case 'POST /__sandbox/errors': {
      const parsed = parse(bodies.errors);
      if (!parsed.ok) return parsed.reply;
      const b = parsed.value;
      if (b.count !== undefined) control.failNext(b.status, b.count);
      else control.failFor(b.status, b.duration_ms!);
      return done;
    }
    case 'POST /__sandbox/latency': {
      const parsed = parse(bodies.latency);
      if (!parsed.ok) return parsed.reply;
      const b = parsed.value;
      control.setLatency(b.ms);
      return done;
    }
    case 'POST /__sandbox/drop': {
      const parsed = parse(bodies.drop);
      if (!parsed.ok) return parsed.reply;
      const b = parsed.value;
      control.dropNext(b.count, b.operation_id);
      return done;
    }
    case 'POST /__sandbox/tokens/expire':
      return { status: 200, body: { expired: control.expireTokens() } };
    case 'POST /__sandbox/rate-limit': {
      const parsed = parse(bodies.rateLimit);
      if (!parsed.ok) return parsed.reply;
      const b = parsed.value;
      control.setRateLimit('off' in b ? null : { perSecond: b.per_second, burst: b.burst });
      return done;
    }
    case 'POST /__sandbox/earning-rule': {
      const parsed = parse(bodies.earningRule);
      if (!parsed.ok) return parsed.reply;
      const b = parsed.value;
      try {
        control.setEarningRule(b.store_id, { points: b.points, per_minor: b.per_minor });
      } catch (error) {
        return { status: 404, body: { error: (error as Error).message } };
      }
      return done;
    }
    case 'POST /__sandbox/customer-api/app-login-code': {
      const parsed = parse(bodies.appLoginCode);
      if (!parsed.ok) return parsed.reply;
      const b = parsed.value;
      try {
        return {
          status: 200,
          body: control.mintAppLoginCode(
            b.customer_id !== undefined ? { customerId: b.customer_id } : { cardNumber: b.card_number! },
            b.application_id,
          ),
        };
      } catch (error) {
        return { status: 404, body: { error: (error as Error).message } };
      }
    }
    case 'POST /__sandbox/customer-api/app-login-codes/expire':
      return { status: 200, body: { expired: control.expireAppLoginCodes() } };
    case 'POST /__sandbox/customer-api/tokens/revoke':
      return { status: 200, body: { revoked: control.revokeDeviceTokens() } };
    case 'GET /__sandbox/customer-api/outbox':
      return { status: 200, body: { messages: control.outbox() } };
    case 'POST /__sandbox/faults/clear':
      control.clearFaults();
      await control.restoreNetwork();
      return done;
    case 'POST /__sandbox/reset':
      control.reset();
      return done;
    default:
      return { status: 404, body: { error: `no control endpoint ${key}` } };
  }
}
