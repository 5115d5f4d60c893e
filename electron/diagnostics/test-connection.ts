// "Test connection" on the settings screen: the checks `ccpos doctor` runs
// (electron/diagnostics), with the settings this terminal really uses, plus the
// chosen store and the journal.
import type { DiagnosticsReport } from '../../shared/diagnostics.ts';
import type { TerminalSettings } from '../../shared/settings.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import type { DemoBackend } from '../demo/demo-backend.ts';
import {
  describeFailure,
  doctorChecks,
  fail,
  failureSaid,
  needs,
  pass,
  runDoctor,
  say,
  type DoctorCheck,
} from './index.ts';
import type { SettingsService } from '../settings/settings-service.ts';

export interface DiagnosticsDeps {
  settings: SettingsService;
  client: () => CareCloudClient;
  demoBackend: DemoBackend | null;
  /** False where no HID device may be opened (the web preview): the device check is left out. */
  devices: boolean;
  /** The data folder, whose permissions are checked. */
  dataDir: string;
  /** Queue size from the journal; throws when the journal cannot be read. */
  journalQueue: () => number;
}

function storeCheck(storeId: string): DoctorCheck {
  return {
    id: 'store',
    title: 'Store',
    async run(context) {
      const blocked = needs(context, 'login');
      if (blocked) return blocked;
      if (storeId === '') return fail('No store is chosen', say('diag.store.none'));
      try {
        const stores = await context.client().reference.stores({ fresh: true });
        const store = stores.items.find((s) => s.store_id === storeId);
        return store
          ? pass(
              `${store.name ?? storeId} (${store.store_code ?? storeId})`,
              say('diag.store.ok', { name: store.name ?? storeId, code: store.store_code ?? storeId }),
            )
          : fail('CareCloud does not know the chosen store', say('diag.store.unknown'));
      } catch (error) {
        return fail(describeFailure(error), failureSaid(error));
      }
    },
  };
}

function journalCheck(queued: () => number): DoctorCheck {
  return {
    id: 'journal',
    title: 'Offline journal',
    async run() {
      const count = queued();
      return pass(`${count} sales waiting to be sent`, say('diag.journal.waiting', { count }));
    },
  };
}

export function runDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsReport> {
  const current = deps.settings.current;
  const demo = deps.demoBackend;
  // What the terminal actually uses: in demo mode the sandbox and its credentials.
  const settings: TerminalSettings & { input: unknown } = {
    ...current,
    ...(demo
      ? {
          projectUrl: demo.projectUrl,
          login: demo.credentials.login,
          externalApplicationId: demo.credentials.externalApplicationId,
        }
      : {}),
    input: deps.settings.input,
  };
  const configProblems: string[] = [];
  if (!demo) {
    if (current.projectUrl === '') configProblems.push('No CareCloud project is configured.');
    if (current.externalApplicationId === '') configProblems.push('No external application id.');
    if (current.login === '') configProblems.push('No CareCloud login.');
    if (deps.settings.password() === null) configProblems.push('No CareCloud password.');
  }
  const checks = [
    ...doctorChecks.filter((c) => deps.devices || c.id !== 'devices'),
    storeCheck(current.storeId),
    journalCheck(deps.journalQueue),
  ];
  return runDoctor(
    {
      settings,
      configProblems,
      client: deps.client,
      now: Date.now,
      dataDir: deps.dataDir,
      keyStorage: deps.settings.keyStorage(),
    },
    checks,
  );
}
