import { success } from '../../../shared/ipc/result.ts';
import type { Operator } from '../../../shared/ipc/contract.ts';
import type { HandlerContext, Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

type QueueChannels = 'queue.list' | 'queue.show' | 'queue.retry' | 'queue.void' | 'queue.resend' | 'queue.export' | 'audit.list' | 'audit.export';
type DashboardChannels = 'dashboard.figures';

function operatorOf(context: HandlerContext): Operator {
  if (!context.operator) throw new Error('A manager channel ran without an operator');
  return context.operator;
}

// Every action re-checks a manager PIN in ManagerQueue, whoever is signed in.
export function queueHandlers({ managerQueue: queue }: HandlerServices): Pick<Handlers, QueueChannels> {
  return {
    'queue.list': ({ filter, page }) => success(queue.list(filter, page)),
    'queue.show': ({ id }) => success(queue.show(id)),
    'queue.retry': async ({ id, pin }, context) => success(await queue.retry(id, pin, operatorOf(context))),
    'queue.void': async ({ id, reason, pin }, context) => success(await queue.void(id, reason, pin, operatorOf(context))),
    'queue.resend': async ({ id, pin }, context) => success(await queue.resendWithoutBenefits(id, pin, operatorOf(context))),
    'queue.export': async ({ filter, format, pin }, context) => success(await queue.export(filter, format, pin, operatorOf(context))),
    'audit.list': ({ page, entryId }) => success(queue.audit(page, entryId)),
    'audit.export': async ({ format, pin }, context) => success(await queue.exportAudit(format, pin, operatorOf(context))),
  };
}

export function dashboardHandlers({ dashboard }: HandlerServices): Pick<Handlers, DashboardChannels> {
  return { 'dashboard.figures': () => success(dashboard.figures()) };
}
