import { randomUUID } from 'node:crypto';
import { fail, needs, pass, say, type DoctorCheck } from '../check.ts';
import { describeFailure, failureSaid } from '../describe-failure.ts';

export const reachabilityCheck: DoctorCheck = {
  id: 'reachability',
  title: 'CareCloud reachable',
  async run(context) {
    const blocked = needs(context, 'configuration');
    if (blocked) return blocked;
    const probe = `ccpos-${randomUUID().slice(0, 8)}`;
    const started = performance.now();
    try {
      const answer = await context.client().tests.connection(probe, { retry: false });
      const ms = Math.round(performance.now() - started);
      const date = answer.headers.get('date');
      if (date && !Number.isNaN(Date.parse(date))) context.facts.serverDate = new Date(date);
      if (answer.data?.test_string !== probe)
        return fail(
          `tests/connection answered in ${ms} ms but did not echo the test string`,
          say('diag.reach.noEcho', { ms }),
        );
      return pass(`tests/connection answered in ${ms} ms`, say('diag.reach.ok', { ms }));
    } catch (error) {
      return fail(describeFailure(error), failureSaid(error));
    }
  },
};
