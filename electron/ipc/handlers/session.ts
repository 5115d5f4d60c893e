import { failure, success } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

export function sessionHandlers({ session }: HandlerServices): Pick<Handlers, 'session.status' | 'operator.signIn' | 'operator.signOut'> {
  return {
    'session.status': () => success(session.status()),
    'operator.signIn': async ({ pin }) => {
      const outcome = await session.signIn(pin);
      if (outcome.ok) return success(outcome.operator);
      if (outcome.reason === 'locked') {
        return failure('locked', 'Too many wrong PINs; sign-in is locked for a while', { until: outcome.until.toISOString() });
      }
      return failure('wrong_pin', `Wrong PIN; ${outcome.attemptsLeft} attempts left before sign-in locks`);
    },
    'operator.signOut': () => {
      session.signOut();
      return success(null);
    },
  };
}
