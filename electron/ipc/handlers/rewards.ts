import { success } from '../../../shared/ipc/result.ts';
import type { Operator } from '../../../shared/ipc/contract.ts';
import type { HandlerContext, Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

type RewardChannels = 'rewards.redeem' | 'rewards.recommend' | 'purchases.assignCustomer';

/** The dispatcher lets these channels through only with an operator signed in. */
function operatorOf(context: HandlerContext): Operator {
  if (!context.operator) throw new Error('An operator channel ran without an operator');
  return context.operator;
}

export function rewardHandlers({ rewards, pointsClaim }: HandlerServices): Pick<Handlers, RewardChannels> {
  return {
    'rewards.redeem': async (payload) => success(await rewards.redeem(payload)),
    'rewards.recommend': async (payload, context) =>
      success(await rewards.recommend(payload, operatorOf(context).name)),
    'purchases.assignCustomer': async (payload, context) =>
      success(await pointsClaim.assign(payload, operatorOf(context).name)),
  };
}
