import type { Handlers } from '../dispatcher.ts';
import { checkoutHandlers } from './checkout.ts';
import { customerHandlers } from './customers.ts';
import { inputHandlers } from './input.ts';
import { dashboardHandlers, queueHandlers } from './queue.ts';
import type { HandlerServices } from './services.ts';
import { sessionHandlers } from './session.ts';
import { signupHandlers } from './signup.ts';
import { settingsHandlers } from './settings.ts';
import { shiftHandlers } from './shift.ts';
import { updateHandlers } from './updates.ts';
import { printingHandlers } from './printing.ts';
import { rewardHandlers } from './rewards.ts';

export type { HandlerServices } from './services.ts';

/** Every contract channel's handler; the type fails to check when one is missing. */
export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...sessionHandlers(services),
    ...customerHandlers(services),
    ...settingsHandlers(services),
    ...checkoutHandlers(services),
    ...queueHandlers(services),
    ...dashboardHandlers(services),
    ...inputHandlers(services),
    ...updateHandlers(services),
    ...printingHandlers(services),
    ...shiftHandlers(services),
    ...rewardHandlers(services),
    ...signupHandlers(services),
  };
}
