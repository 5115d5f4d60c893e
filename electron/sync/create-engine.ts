// The one way a sync engine is built: the app, `ccpos`, the benchmarks and the tests all
// come here, so settings.sync, the timeouts, the offline policy and the port's abort
// signal mean the same thing everywhere.
import type { TerminalSettings } from '../../shared/settings.ts';
import type { Journal } from '../journal/journal.ts';
import { careCloudPort, type PortClient } from './carecloud-port.ts';
import { SyncEngine, type SyncPolicy } from './engine.ts';
import { syncPolicyFrom } from './policy.ts';

export interface SyncEngineSetup {
  journal: Journal;
  /** The CareCloud client to send through; a function where the app swaps it after a settings change. */
  client: PortClient | (() => PortClient);
  /** The terminal's settings; a function where they can change while the engine runs. */
  settings: TerminalSettings | (() => TerminalSettings);
  /** Names this process in claims: `app`, `preview`, `ccpos`, `bench`, `test`. */
  label: string;
  /** Only where a caller must differ from the settings (a benchmark's backoff, a test's short waits). */
  policy?: Partial<SyncPolicy>;
  now?: () => number;
  random?: () => number;
}

export function createSyncEngine(setup: SyncEngineSetup): SyncEngine {
  const settings =
    typeof setup.settings === 'function' ? setup.settings : () => setup.settings as TerminalSettings;
  const client = typeof setup.client === 'function' ? setup.client : () => setup.client as PortClient;
  const fromSettings = syncPolicyFrom(settings());
  // Read at each closure, so a change of the offline policy applies to the next sale.
  const offlineBenefits = {
    get vouchers() {
      return settings().offlinePolicy.vouchers;
    },
    get points() {
      return settings().offlinePolicy.points;
    },
  };
  return new SyncEngine({
    journal: setup.journal,
    port: careCloudPort(client),
    policy: { ...fromSettings, offlineBenefits, ...setup.policy },
    label: setup.label,
    ...(setup.now ? { now: setup.now } : {}),
    ...(setup.random ? { random: setup.random } : {}),
  });
}
