import { success } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HandlerServices } from './services.ts';

export function inputHandlers({
  scans,
  settings,
}: HandlerServices): Pick<Handlers, 'input.classify' | 'input.wedgeSettings'> {
  return {
    'input.classify': async ({ text }) => success(await scans.classify(text)),
    'input.wedgeSettings': () =>
      success({ ...settings.input.wedge, suffixes: [...settings.input.wedge.suffixes] }),
  };
}
