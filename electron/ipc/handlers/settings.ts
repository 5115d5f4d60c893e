import { failure, success } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

export function settingsHandlers({
  settings,
  storeList,
  diagnostics,
  outage,
  demo,
  managerCheck,
}: HandlerServices): Pick<
  Handlers,
  'settings.get' | 'settings.update' | 'settings.stores' | 'diagnostics.run' | 'demo.setOutage'
> {
  // Switching between demo mode and a CareCloud project takes a restart; so does becoming a kiosk (the app restarts
  // itself).
  const view = () => ({ ...settings.view(), restartRequired: demo !== settings.demo || settings.kiosk });
  return {
    'settings.get': () => success(view()),
    // InvalidSettingsError becomes `invalid_settings` with one reason per field in errorToResult.
    // Checked before the PIN, so whether a PIN is right never depends on what the patch says.
    'settings.update': async ({ patch, pin }, context) => {
      settings.check(patch);
      await managerCheck(pin, 'settings', context.operator);
      settings.update(patch);
      return success(view());
    },
    'settings.stores': async () => success(await storeList.stores()),
    'diagnostics.run': async () => success(await diagnostics.run()),
    'demo.setOutage': async ({ on }) => {
      if (!outage) return failure('not_demo', 'Outages can only be simulated in demo mode');
      await outage.setOutage(on);
      return success({ outage: on });
    },
  };
}
