// The kiosk's channels (registered only in kiosk mode) and the few the screens ask
// before they know which mode they are in.
import type { ScanEvent, SessionStatus, WedgeDetection } from '../../../shared/ipc/contract.ts';
import type { Language } from '../../../shared/i18n/language.ts';
import { failure, success, type Result } from '../../../shared/ipc/result.ts';
import type { KioskService } from '../../kiosk/kiosk-service.ts';
import type { KioskHandlers } from '../dispatcher.ts';
import { pinFailure } from '../errors.ts';
import type { PinOutcome } from '../../operators/operators.ts';

export interface KioskHandlerServices {
  kiosk: KioskService;
  /** The screens' language (F4 / the language switch), kept for this kiosk's session. */
  language: { current(): Language; set(language: Language): void };
  sessionStatus(): SessionStatus;
  wedge(): WedgeDetection;
  /** A keyboard-mode scanner's burst, classified by the scan rules (a kiosk asks CareCloud about no card). */
  classify(text: string): Promise<ScanEvent | null>;
  /** A manager's PIN, checked and counted at the manager prompt. */
  managerPin(pin: string): Promise<PinOutcome>;
  /** Takes the terminal out of kiosk mode (settings), then restarts it as a till. */
  leave(byManager: string): Promise<void>;
}

export function kioskHandlers(services: KioskHandlerServices): KioskHandlers {
  const { kiosk } = services;
  return {
    'session.status': () => success(services.sessionStatus()),
    'session.language': ({ language }) => {
      services.language.set(language);
      return success(services.sessionStatus());
    },
    'input.wedgeSettings': () => success(services.wedge()),
    'input.classify': async ({ text }) => success(await services.classify(text)),
    'kiosk.status': () => success(kiosk.status()),
    'kiosk.identify': (payload) => kiosk.identify(payload),
    'kiosk.overview': () => kiosk.overview(),
    'kiosk.redeem': ({ rewardId, confirmationId }) => kiosk.redeem(rewardId, confirmationId),
    'kiosk.agreements': () => kiosk.agreements(),
    'kiosk.signUp': (payload) => kiosk.signUp(payload),
    'kiosk.assignCard': ({ cardNumber }) => kiosk.assignCard(cardNumber),
    'kiosk.signOut': async ({ reason }) => {
      await kiosk.signOut(reason);
      return success(null);
    },
    'kiosk.keepAlive': () => success(kiosk.keepAlive()),
    'kiosk.leave': async ({ pin }): Promise<Result<null>> => {
      const outcome = await services.managerPin(pin);
      if (!outcome.ok) return pinFailure(outcome);
      if (outcome.operator.role !== 'manager')
        return failure('forbidden_role', 'Only a manager may take the terminal out of kiosk mode');
      await kiosk.signOut('done');
      await services.leave(outcome.operator.name);
      return success(null);
    },
  };
}
