import { isValidTimeZone } from '../../../shared/datetime.ts';
import { fail, pass, type DoctorCheck } from '../check.ts';

export const configurationCheck: DoctorCheck = {
  id: 'configuration',
  title: 'Configuration',
  async run({ settings, configProblems }) {
    if (configProblems.length > 0) return fail(configProblems.join(' '));
    if (!isValidTimeZone(settings.timeZone)) return fail(`"${settings.timeZone}" is not a known time zone.`);
    return pass(`${settings.projectUrl}, login ${settings.login}, store ${settings.storeId || '(none chosen)'}, cash desk ${settings.cashdeskNumber}`);
  },
};
