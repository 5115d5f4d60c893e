// A manager's PIN, checked again in main for every manager action whatever the screen
// claims; wrong PINs count toward the sign-in lockout and refused ones are audited.
import type { Operator } from '../../shared/ipc/contract.ts';
import { failure } from '../../shared/ipc/result.ts';
import { PosFailure } from '../ipc/errors.ts';
import type { Journal } from '../journal/journal.ts';
import type { OperatorDirectory } from '../operators/operators.ts';

export type ManagerCheck = (pin: string, action: string, askedBy: Operator | null) => Promise<Operator>;

export function managerPinCheck(operators: OperatorDirectory, journal: Journal): ManagerCheck {
  return async (pin, action, askedBy) => {
    const outcome = await operators.signIn(pin);
    const asker = askedBy?.name ?? 'nobody signed in';
    if (!outcome.ok) {
      journal.recordAudit(asker, 'pin-refused', null, { action, why: outcome.reason });
      if (outcome.reason === 'locked') throw new PosFailure(failure('locked', 'Too many wrong PINs; manager actions are locked for a while', { until: outcome.until.toISOString() }));
      throw new PosFailure(failure('wrong_pin', `Wrong PIN; ${outcome.attemptsLeft} attempts left before sign-in locks`));
    }
    if (outcome.operator.role !== 'manager') {
      journal.recordAudit(outcome.operator.name, 'pin-refused', null, { action, why: 'not a manager' });
      throw new PosFailure(failure('forbidden_role', 'This PIN is not a manager\u2019s'));
    }
    return outcome.operator;
  };
}
