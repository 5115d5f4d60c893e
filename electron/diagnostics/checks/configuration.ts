import { isValidTimeZone } from '../../../shared/datetime.ts';
import { fail, pass, say, type DoctorCheck } from '../check.ts';

export const configurationCheck: DoctorCheck = {
  id: 'configuration',
  title: 'Configuration',
  async run({ settings, configProblems }) {
    if (configProblems.length > 0) return fail(configProblems.join(' '), say('diag.config.incomplete'));
    if (!isValidTimeZone(settings.timeZone))
      return fail(
        `"${settings.timeZone}" is not a known time zone.`,
        say('diag.config.zone', { zone: settings.timeZone }),
      );
    return pass(
      `${settings.projectUrl}, login ${settings.login}, ` +
        `store ${settings.storeId || '(none chosen)'}, cash desk ${settings.cashdeskNumber}`,
      say('diag.config.ok', {
        url: settings.projectUrl,
        login: settings.login,
        store: settings.storeId || '—',
        desk: settings.cashdeskNumber,
      }),
    );
  },
};
