// What `ccpos queue`, `replay` and `checkout` share: the same configuration rules
// as `ccpos doctor` (settings.json, then environment, then flags), the journal in
// the data directory, and for sending, a CareCloud client and a sync engine.
import { clientFromConfig } from '../config/client.ts';
import { configFlagsOf, configOptions } from '../config/flags.ts';
import {
  ConfigError,
  loadConfig,
  missingForCareCloud,
  type CliConfig,
  type ConfigFlags,
} from '../config/load.ts';
import { Journal } from '../journal/journal.ts';
import { createSyncEngine } from './create-engine.ts';
import type { SyncEngine } from './engine.ts';
import { journalFile } from './journal-file.ts';

/** The configuration flags every `ccpos` command takes, for a command that also has options of its own. */
export const configFlagOptions = configOptions;

export { configFlagsOf };

export function loadTerminal(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): CliConfig {
  return loadConfig(env, flags);
}

export interface CliSync {
  config: CliConfig;
  journal: Journal;
  engine: SyncEngine;
  close(): Promise<void>;
}

/** The journal plus an engine sending through CareCloud; throws ConfigError listing what is missing. */
export function openSync(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): CliSync {
  const config = loadConfig(env, flags);
  const missing = missingForCareCloud(config);
  if (missing.length > 0) throw new ConfigError(missing.join(' '));
  const journal = Journal.open(journalFile(config.dataDir));
  const { client, close } = clientFromConfig(config);
  const engine = createSyncEngine({ journal, client, settings: config.settings, label: 'ccpos' });
  return {
    config,
    journal,
    engine,
    async close() {
      await engine.stop();
      journal.close();
      await close();
    },
  };
}
