// What a service refuses, in the words of the lane and of CareCloud. Services throw these;
// only the IPC layer (electron/ipc/errors.ts) turns them into answers for the screens, so
// no service knows an answer's code and none is recognised by its message text.

/** One field or argument refused, as CareCloud or our own checks name it. */
export interface RefusalReason {
  name: string;
  reason: string;
  message: string;
}

export abstract class DomainError extends Error {}

/** What the request names does not exist here: a sale, a journal entry, a shift. */
export class NotFound extends DomainError {
  override name = 'NotFound';
}

/** It exists, but its state refuses the change (a voided sale, an entry already sent). */
export class InvalidState extends DomainError {
  override name = 'InvalidState';
}

/** What the cashier or the screens asked cannot be done as asked (an empty sale, a count that does not add up). */
export class InvalidInput extends DomainError {
  override name = 'InvalidInput';
  constructor(
    message: string,
    readonly reasons: readonly RefusalReason[] = [],
  ) {
    super(message);
  }
}

/** The terminal lacks a setting this needs (no store chosen, no customer source for sign-ups). */
export class NotConfigured extends DomainError {
  override name = 'NotConfigured';
}

/** CareCloud answered and said no, with its reasons. */
export class RefusedByCareCloud extends DomainError {
  override name = 'RefusedByCareCloud';
  constructor(
    message: string,
    readonly reasons: readonly RefusalReason[] = [],
  ) {
    super(message);
  }
}

/**
 * What this needs is not there now: CareCloud not answering properly (`carecloud`), CareCloud
 * unreachable while the offline policy refuses to go on without it (`offline`), or the journal
 * unable to keep sales (`journal`).
 */
export type Unreachable = 'carecloud' | 'offline' | 'journal';

export class Unavailable extends DomainError {
  override name = 'Unavailable';
  constructor(
    readonly what: Unreachable,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A PIN refused at a prompt: wrong (with the tries left before the lock), or PINs locked here until a time. */
export type PinRefusal = { reason: 'refused'; attemptsLeft: number } | { reason: 'locked'; until: Date };

export class PinRefused extends DomainError {
  override name = 'PinRefused';
  constructor(readonly refusal: PinRefusal) {
    super(refusal.reason === 'locked' ? 'PINs are locked here for a while' : 'PIN not accepted');
  }
}
