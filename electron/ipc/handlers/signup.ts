import { success } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

type SignupChannels =
  'signup.setup' | 'signup.checkIdentifier' | 'signup.sendCode' | 'signup.verifyCode' | 'signup.register';

export function signupHandlers({ signup }: HandlerServices): Pick<Handlers, SignupChannels> {
  return {
    'signup.setup': async () => success(await signup.setup()),
    'signup.checkIdentifier': async ({ type, value }) => success(await signup.checkIdentifier(type, value)),
    'signup.sendCode': async ({ phone }) => success(await signup.sendCode(phone)),
    'signup.verifyCode': async ({ requestId, code }) => success(await signup.verifyCode(requestId, code)),
    'signup.register': async ({ form }, context) => {
      if (!context.operator) throw new Error('An operator channel ran without an operator');
      return success(await signup.register(form, context.operator.name));
    },
  };
}
