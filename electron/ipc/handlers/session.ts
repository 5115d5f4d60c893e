import { failure, success } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../dispatcher.ts';
import { pinFailure } from '../errors.ts';
import type { HandlerServices } from './services.ts';

export function sessionHandlers({ session }: HandlerServices): Pick<Handlers, 'session.status' | 'operator.signIn' | 'operator.signOut' | 'operator.unlock'> {
  return {
    'session.status': () => success(session.status()),
    'operator.signIn': async ({ pin }) => {
      const outcome = await session.signIn(pin);
      return outcome.ok ? success(outcome.operator) : pinFailure(outcome);
    },
    'operator.signOut': () => {
      session.signOut();
      return success(null);
    },
    'operator.unlock': async ({ pin }) => {
      const outcome = await session.unlock(pin);
      if (outcome.ok) return success(null);
      if (outcome.reason === 'not_locked') return failure('invalid_state', 'Nothing is locked');
      return pinFailure(outcome);
    },
  };
}
