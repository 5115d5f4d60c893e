import { failure, success, type ErrorCode, type Result } from '../../../shared/ipc/result.ts';
import type { Operator } from '../../../shared/ipc/contract.ts';
import { ShiftStateError, type ShiftRefusal } from '../../journal/shifts.ts';
import { ShiftInputError } from '../../shift/shift-service.ts';
import type { HandlerContext, Handlers } from '../dispatcher.ts';
import { destinationOf } from './queue.ts';
import type { HandlerServices } from './services.ts';

type ShiftChannels = 'shift.current' | 'shift.open' | 'shift.cash' | 'shift.xReport' | 'shift.close' | 'shift.report' | 'shift.closed' | 'shift.export' | 'shift.print';

function operatorOf(context: HandlerContext): Operator {
  if (!context.operator) throw new Error('An operator channel ran without an operator');
  return context.operator;
}

const codes: Record<ShiftRefusal, ErrorCode> = {
  shift_already_open: 'shift_open',
  shift_closed: 'shift_closed',
  no_open_shift: 'no_open_shift',
  shift_not_found: 'not_found',
};

/** The shift's refusals as codes the screens word; anything else goes on to the dispatcher. */
async function answer<T>(run: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return success(await run());
  } catch (error) {
    if (error instanceof ShiftStateError) return failure(codes[error.refusal], error.message);
    if (error instanceof ShiftInputError) return failure('invalid_payload', error.message, { reasons: [{ name: 'shift', reason: 'invalid', message: error.message }] });
    throw error;
  }
}

export function shiftHandlers({ shifts, saveDialog }: HandlerServices): Pick<Handlers, ShiftChannels> {
  return {
    'shift.current': () => answer(() => shifts.current()),
    'shift.open': ({ openingFloatMinor }, context) => answer(() => shifts.open(operatorOf(context), openingFloatMinor)),
    'shift.cash': ({ direction, amountMinor, reason }, context) => answer(() => shifts.move(operatorOf(context), direction, amountMinor, reason)),
    'shift.xReport': (_payload, context) => answer(() => shifts.xReport(operatorOf(context))),
    'shift.close': ({ count, pin }, context) => answer(() => shifts.close(operatorOf(context), count, pin ?? null)),
    'shift.report': ({ id }) => answer(() => shifts.report(id)),
    'shift.closed': ({ limit }) => answer(() => shifts.closedShifts(limit)),
    'shift.export': ({ id, format, to }, context) => answer(() => shifts.export(id, format, operatorOf(context), destinationOf(to, context, saveDialog))),
    'shift.print': ({ id }, context) => answer(() => shifts.print(id, operatorOf(context))),
  };
}
