// The control API under /__sandbox/ on its own listener. Bodies are checked like any
// other input; a bad one gets a 400 that says what is wrong.
import { z } from 'zod';
import type { SandboxControl } from './server.ts';

const fault = z.union([z.literal(500), z.literal(503)]);
const bodies = {
  network: z.object({ mode: z.enum(['up', 'refuse', 'hang']) }),
  errors: z.object({ status: fault, count: z.number().int().min(1).optional(), duration_ms: z.number().int().min(1).optional() }).refine((b) => (b.count === undefined) !== (b.duration_ms === undefined), 'give count or duration_ms'),
  latency: z.object({ ms: z.number().int().min(0).max(600_000) }),
  drop: z.object({ count: z.number().int().min(0), operation_id: z.string().min(1).max(100).optional() }),
  rateLimit: z.union([z.object({ per_second: z.number().positive(), burst: z.number().int().min(1) }), z.object({ off: z.literal(true) })]),
  earningRule: z.object({ store_id: z.string(), points: z.number().int().min(0), per_minor: z.number().int().min(1) }),
  appLoginCode: z
    .object({ customer_id: z.string().min(1).optional(), card_number: z.string().min(1).optional(), application_id: z.string().min(1).optional() })
    .refine((b) => (b.customer_id === undefined) !== (b.card_number === undefined), 'give customer_id or card_number'),
};

export interface ControlReply {
  status: number;
  body: unknown;
}

export async function handleControl(control: SandboxControl, method: string, url: string, text: string): Promise<ControlReply> {
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
    return { ok: false, reply: { status: 400, body: { error: result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') } } };
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
        return { status: 200, body: control.mintAppLoginCode(b.customer_id !== undefined ? { customerId: b.customer_id } : { cardNumber: b.card_number! }, b.application_id) };
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
