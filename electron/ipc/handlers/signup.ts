import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

type SignupChannels = 'signup.setup' | 'signup.checkIdentifier' | 'signup.sendCode' | 'signup.verifyCode' | 'signup.register';

export function signupHandlers({ signup }: HandlerServices): Pick<Handlers, SignupChannels> {
  return {
    'signup.setup': () => signup.setup(),
    'signup.checkIdentifier': ({ type, value }) => signup.checkIdentifier(type, value),
    'signup.sendCode': ({ phone }) => signup.sendCode(phone),
    'signup.verifyCode': ({ requestId, code }) => signup.verifyCode(requestId, code),
    'signup.register': ({ form }, context) => {
      if (!context.operator) throw new Error('An operator channel ran without an operator');
      return signup.register(form, context.operator.name);
    },
  };
}
