// The doctor's checks, in the order they run. Adding one is one line here.
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/diagnostics.ts';
import type { DoctorCheck, DoctorContext } from './check.ts';
import { configurationCheck } from './checks/configuration.ts';
import { crashDumpsCheck } from './checks/crash-dumps.ts';
import { dataFolderCheck } from './checks/data-folder.ts';
import { devicesCheck } from './devices.ts';
import { keyStorageCheck } from './checks/key-storage.ts';
import { loginCheck } from './checks/login.ts';
import { reachabilityCheck } from './checks/reachability.ts';
import { timeZoneCheck } from './checks/time-zone.ts';

export const doctorChecks: DoctorCheck[] = [
  configurationCheck,
  reachabilityCheck,
  loginCheck,
  timeZoneCheck,
  devicesCheck,
  dataFolderCheck,
  keyStorageCheck,
  crashDumpsCheck,
];

/** Runs the checks in order; a check that throws is a failed check, never a crash. */
export async function runDoctor(
  context: Omit<DoctorContext, 'earlier' | 'facts'>,
  checks: readonly DoctorCheck[] = doctorChecks,
): Promise<DiagnosticsReport> {
  const earlier = new Map<string, DiagnosticCheck>();
  const full: DoctorContext = { ...context, earlier, facts: {} };
  const results: DiagnosticCheck[] = [];
  for (const check of checks) {
    let result: DiagnosticCheck;
    try {
      result = { id: check.id, title: check.title, ...(await check.run(full)) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = {
        id: check.id,
        title: check.title,
        status: 'fail',
        detail: message,
        said: [{ key: 'diag.fail.other', params: { message } }],
      };
    }
    earlier.set(check.id, result);
    results.push(result);
  }
  return { checks: results, ok: results.every((r) => r.status !== 'fail') };
}

export type { DoctorCheck, DoctorContext, CheckOutcome } from './check.ts';
export { pass, warn, fail, skip, needs, say } from './check.ts';
export { describeFailure, failureSaid } from './describe-failure.ts';
