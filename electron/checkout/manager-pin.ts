// A manager's PIN, checked again in main for every manager action whatever the screen
// claims. Refusals are counted at the manager prompt and audited; the answer is the same
// whatever made the PIN wrong (unknown, a cashier's, too short for a manager here).
import type { Operator } from '../../shared/operators.ts';
import { PinRefused } from '../domain/errors.ts';
import type { Journal } from '../journal/journal.ts';
import type { OperatorDirectory } from '../operators/operators.ts';
import { NOBODY_SIGNED_IN } from '../operators/actor-names.ts';

export type ManagerCheck = (pin: string, action: string, askedBy: Operator | null) => Promise<Operator>;

export function managerPinCheck(operators: OperatorDirectory, journal: Journal): ManagerCheck {
  return async (pin, action, askedBy) => {
    const outcome = await operators.checkManager(pin);
    if (!outcome.ok) {
      journal.recordAudit(askedBy?.name ?? NOBODY_SIGNED_IN, 'pin-refused', null, {
        action,
        why: outcome.reason,
      });
      throw new PinRefused(outcome);
    }
    return outcome.operator;
  };
}
