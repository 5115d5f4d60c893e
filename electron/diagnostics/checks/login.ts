import { fail, needs, pass, say, type DoctorCheck } from '../check.ts';
import { describeFailure, failureSaid } from '../describe-failure.ts';

export const loginCheck: DoctorCheck = {
  id: 'login',
  title: 'Login',
  async run(context) {
    const blocked = needs(context, 'reachability');
    if (blocked) return blocked;
    const client = context.client();
    try {
      // A fresh login, not a remembered token: the check is whether the credentials work now.
      // The session it replaces is logged out, not left open at CareCloud (a failed logout only lets it lapse).
      await client.users.logoutCurrent().catch(() => undefined);
      await client.session.token();
      const facts = client.session.lastLogin;
      if (facts) {
        context.facts.login = facts;
        context.facts.serverDate ??= facts.serverDate;
      }
      return pass(
        `CareCloud accepted login "${context.settings.login}"; the session is valid to ${facts?.validToText ?? '?'}`,
        say('diag.login.ok', { login: context.settings.login, validTo: facts?.validToText ?? '?' }),
      );
    } catch (error) {
      return fail(describeFailure(error), failureSaid(error));
    }
  },
};
