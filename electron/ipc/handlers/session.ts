import { failure, success } from '../../../shared/ipc/result.ts';
import { speaking } from '../../carecloud/language.ts';
import type { Handlers } from '../dispatcher.ts';
import { pinFailure } from '../errors.ts';
import type { HandlerServices } from './services.ts';

export function sessionHandlers({
  session,
  storeList,
}: HandlerServices): Pick<
  Handlers,
  'session.status' | 'session.language' | 'operator.signIn' | 'operator.signOut' | 'operator.unlock'
> {
  return {
    'session.status': () => success(session.status()),
    'session.language': ({ language }) => {
      session.setScreenLanguage(language);
      // The store's name in the new language; the status follows when CareCloud (or the saved list) answers.
      void speaking(language, () => storeList.stores()).catch(() => {});
      return success(session.status());
    },
    'operator.signIn': async ({ pin }) => {
      const outcome = await session.signIn(pin);
      // As the status bar shows it (a demo operator's name in the screen's language).
      return outcome.ok ? success(session.status().operator ?? outcome.operator) : pinFailure(outcome);
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
