// One entry for every request from the screens, whatever carried it: check the
// sender, check the role, validate the payload against the contract, then call the
// feature's handler. Everything comes back as a Result; nothing throws out of here.
import type { z } from 'zod';
import { isRequestChannel, type RequestChannel } from '../../shared/ipc/channels.ts';
import { requests, type Operator, type ParsedPayloadOf, type ResponseOf } from '../../shared/ipc/contract.ts';
import { failure, type ErrorReason, type Result } from '../../shared/ipc/result.ts';
import type { Language } from '../../shared/i18n/language.ts';
import { speaking } from '../carecloud/language.ts';
import { errorToResult } from './errors.ts';
import type { SenderCheck, SenderContext } from './sender.ts';

export interface HandlerContext {
  operator: Operator | null;
  sender: SenderContext;
}

export type Handler<C extends RequestChannel> = (
  payload: ParsedPayloadOf<C>,
  context: HandlerContext,
) => Promise<Result<ResponseOf<C>>> | Result<ResponseOf<C>>;

/** The kiosk's channels, answered only by a terminal in kiosk mode. */
export type KioskChannel = Extract<RequestChannel, `kiosk.${string}`>;
/** The till's channels, answered only by a till. */
export type TillChannel = Exclude<RequestChannel, KioskChannel>;

/** What a terminal answers: a till every till channel, a kiosk its own; an absent handler is `unknown_channel`. */
export type Handlers = { [C in TillChannel]: Handler<C> } & { [C in KioskChannel]?: Handler<C> };
/** A kiosk's handlers: its own channels, and the few the screens ask before they know the mode. */
export type KioskHandlers = { [C in KioskChannel]: Handler<C> } & Pick<
  Handlers,
  'session.status' | 'session.language' | 'input.wedgeSettings' | 'input.classify'
>;

export type Dispatch = (
  channel: unknown,
  payload: unknown,
  sender: SenderContext,
) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  handlers: Handlers | KioskHandlers;
  currentOperator: () => Operator | null;
  trustSender: SenderCheck;
  /** A request that needs an operator passed the role check: the operator is at the terminal. */
  onActivity?: () => void;
  /** The language the caller's screens speak: CareCloud is asked to answer the request in it. */
  language?: () => Language;
  /**
   * Channels anyone may call here whatever the contract's access (a kiosk has no operators: its scans are the
   * customer's).
   */
  anyoneMay?: ReadonlySet<RequestChannel>;
  /** Unexpected errors, for the log; screens get only a typed result. */
  onError?: (channel: RequestChannel, error: unknown) => void;
}

function payloadReasons(error: z.ZodError): ErrorReason[] {
  // Never echo the value back: it may be a PIN or a password.
  return error.issues.map((issue) => ({
    name: issue.path.length > 0 ? issue.path.join('.') : 'payload',
    reason: issue.code,
    message: issue.message,
  }));
}

export function createDispatcher(options: DispatcherOptions): Dispatch {
  return async (channel, payload, sender) => {
    if (!isRequestChannel(channel)) return failure('unknown_channel', 'No such request');
    if (!options.trustSender(sender))
      return failure('forbidden_sender', 'This sender may not talk to the terminal');
    const handler = (options.handlers as Partial<Record<RequestChannel, Handler<RequestChannel>>>)[channel];
    // A channel of the other mode is as unknown as a made-up one.
    if (handler === undefined) return failure('unknown_channel', 'No such request');
    const spec = requests[channel];
    // The role comes first: a caller without it learns nothing of the channel's payload schema.
    const operator = options.currentOperator();
    const access = options.anyoneMay?.has(channel) ? 'anyone' : spec.access;
    if (access !== 'anyone' && operator === null) return failure('not_signed_in', 'Sign in first');
    if (access === 'manager' && operator?.role !== 'manager')
      return failure('forbidden_role', 'Only a manager may do this');
    if (access !== 'anyone' && !(spec as { passive?: boolean }).passive) options.onActivity?.();
    const parsed = (spec.payload as z.ZodType).safeParse(payload);
    if (!parsed.success) {
      return failure('invalid_payload', `The request ${channel} is malformed`, {
        reasons: payloadReasons(parsed.error),
      });
    }
    try {
      const call = () => handler(parsed.data as never, { operator, sender });
      return await (options.language ? speaking(options.language(), call) : call());
    } catch (error) {
      const result = errorToResult(error);
      if (!result.ok && result.error.code === 'internal') options.onError?.(channel, error);
      return result;
    }
  };
}
