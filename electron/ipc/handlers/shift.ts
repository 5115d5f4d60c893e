import { success, type Result } from '../../../shared/ipc/result.ts';
import type { Operator } from '../../../shared/ipc/contract.ts';
import type { HandlerContext, Handlers } from '../dispatcher.ts';
import { destinationOf } from './queue.ts';
import type { HandlerServices } from './services.ts';

type ShiftChannels =
  | 'shift.current'
  | 'shift.open'
  | 'shift.cash'
  | 'shift.xReport'
  | 'shift.close'
  | 'shift.report'
  | 'shift.closed'
  | 'shift.export'
  | 'shift.print';

function operatorOf(context: HandlerContext): Operator {
  if (!context.operator) throw new Error('An operator channel ran without an operator');
  return context.operator;
}

/** The shift's refusals (ShiftStateError, ShiftInputError, NotFound) are worded by the dispatcher's error mapping. */
async function answer<T>(run: () => T | Promise<T>): Promise<Result<T>> {
  return success(await run());
}

export function shiftHandlers({ shifts, saveDialog }: HandlerServices): Pick<Handlers, ShiftChannels> {
  return {
    'shift.current': () => answer(() => shifts.current()),
    'shift.open': ({ openingFloatMinor }, context) =>
      answer(() => shifts.open(operatorOf(context), openingFloatMinor)),
    'shift.cash': ({ direction, amountMinor, reason }, context) =>
      answer(() => shifts.move(operatorOf(context), direction, amountMinor, reason)),
    'shift.xReport': (_payload, context) => answer(() => shifts.xReport(operatorOf(context))),
    'shift.close': ({ count, pin }, context) =>
      answer(() => shifts.close(operatorOf(context), count, pin ?? null)),
    'shift.report': ({ id }) => answer(() => shifts.report(id)),
    'shift.closed': ({ limit }) => answer(() => shifts.closedShifts(limit)),
    'shift.export': ({ id, format, to }, context) =>
      answer(() => shifts.export(id, format, operatorOf(context), destinationOf(to, context, saveDialog))),
    'shift.print': ({ id }, context) => answer(() => shifts.print(id, operatorOf(context))),
  };
}
