// CareCloud datetimes carry no offset, so a wrong time-zone setting or a wrong clock
// shifts every payment_time the terminal sends. Two witnesses: the server's Date header
// against our clock, and the session's valid_to read in the configured zone.
import { formatCareCloudDateTime, isValidTimeZone } from '../../../shared/datetime.ts';
import { fail, needs, pass, say, warn, type DoctorCheck } from '../check.ts';

/** Clock difference with CareCloud beyond which payment times are visibly wrong. */
export const MAX_CLOCK_SKEW_MS = 120_000;
/** A session longer than this (CareCloud's default is 7 h) suggests valid_to is read in the wrong zone. */
export const MAX_PLAUSIBLE_SESSION_MS = 48 * 3600_000;

export const timeZoneCheck: DoctorCheck = {
  id: 'time-zone',
  title: 'Time zone and clock',
  async run(context) {
    const zone = context.settings.timeZone;
    if (!isValidTimeZone(zone))
      return fail(`"${zone}" is not a known time zone.`, say('diag.config.zone', { zone }));
    const blocked = needs(context, 'login');
    if (blocked) return blocked;
    const now = context.now();
    const local = `${formatCareCloudDateTime(new Date(now), zone)} ${zone}`;
    const serverDate = context.facts.serverDate;
    if (serverDate) {
      const skew = now - serverDate.getTime();
      if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
        const seconds = Math.round(Math.abs(skew) / 1000);
        return fail(
          `this computer's clock is ${seconds} s ${skew > 0 ? 'ahead of' : 'behind'} CareCloud; ` +
            `purchases would carry wrong times`,
          say(skew > 0 ? 'diag.tz.ahead' : 'diag.tz.behind', { seconds }),
        );
      }
    }
    const login = context.facts.login;
    if (login) {
      const left = login.validTo.getTime() - now;
      if (left <= 0) {
        return fail(
          `the session's valid_to ${login.validToText} is already past in ${zone}: ` +
            `the time zone setting is probably not the project's`,
          say('diag.tz.past', { validTo: login.validToText, zone }),
        );
      }
      if (left > MAX_PLAUSIBLE_SESSION_MS) {
        const hours = Math.round(left / 3600_000);
        return warn(
          `the session's valid_to ${login.validToText} is ${hours} h away in ${zone}: ` +
            `check that this is the project's time zone`,
          say('diag.tz.far', { validTo: login.validToText, hours, zone }),
        );
      }
    }
    return pass(
      `${local}${serverDate ? ', clock agrees with CareCloud' : ''}`,
      say(serverDate ? 'diag.tz.agrees' : 'diag.tz.local', { time: local }),
    );
  },
};
