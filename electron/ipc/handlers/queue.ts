import { success } from '../../../shared/ipc/result.ts';
import type { Operator } from '../../../shared/ipc/contract.ts';
import type { HandlerContext, Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

import type { ExportDestination } from '../../checkout/manager-queue.ts';

type QueueChannels =
  | 'queue.list'
  | 'queue.show'
  | 'queue.retry'
  | 'queue.void'
  | 'queue.resend'
  | 'queue.export'
  | 'queue.customers'
  | 'audit.list'
  | 'audit.export';
type DashboardChannels = 'dashboard.figures';

function operatorOf(context: HandlerContext): Operator {
  if (!context.operator) throw new Error('A manager channel ran without an operator');
  return context.operator;
}

/**
 * An export asked for through the screen: the app's window gets its save dialog; the
 * preview (a browser, no dialog of ours) gets the content back for its download.
 */
export function destinationOf(
  to: 'folder' | 'screen' | undefined,
  context: HandlerContext,
  saveDialog: HandlerServices['saveDialog'],
): ExportDestination {
  if (to !== 'screen') return { to: 'folder' };
  const sender = context.sender;
  if (sender.transport === 'electron') {
    if (!saveDialog) return { to: 'folder' };
    return { to: 'dialog', choose: (name) => saveDialog(name, sender.webContentsId) };
  }
  return { to: 'download' };
}

// Every action re-checks a manager PIN in ManagerQueue, whoever is signed in.
export function queueHandlers({
  managerQueue: queue,
  saveDialog,
}: HandlerServices): Pick<Handlers, QueueChannels> {
  return {
    'queue.list': ({ filter, page }) => success(queue.list(filter, page)),
    'queue.show': ({ id }) => success(queue.show(id)),
    'queue.retry': async ({ id, pin }, context) => success(await queue.retry(id, pin, operatorOf(context))),
    'queue.void': async ({ id, reason, pin }, context) =>
      success(await queue.void(id, reason, pin, operatorOf(context))),
    'queue.resend': async ({ id, pin }, context) =>
      success(await queue.resendWithoutBenefits(id, pin, operatorOf(context))),
    'queue.export': async ({ filter, format, pin, to }, context) =>
      success(
        await queue.export(filter, format, pin, operatorOf(context), destinationOf(to, context, saveDialog)),
      ),
    'queue.customers': async ({ ids }) => success(await queue.customers(ids)),
    'audit.list': ({ page, entryId }) => success(queue.audit(page, entryId)),
    'audit.export': async ({ format, pin, to }, context) =>
      success(
        await queue.exportAudit(format, pin, operatorOf(context), destinationOf(to, context, saveDialog)),
      ),
  };
}

export function dashboardHandlers({ dashboard }: HandlerServices): Pick<Handlers, DashboardChannels> {
  return { 'dashboard.figures': () => success(dashboard.figures()) };
}
