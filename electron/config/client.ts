// A CareCloud client from `ccpos` configuration, logging its calls to the data directory.
import { join } from 'node:path';
import { createCareCloudClient, type CareCloudClient } from '../carecloud/client.ts';
import { createLogger, fileSink, silentLogger, type Logger } from '../log/logger.ts';
import type { CliConfig } from './load.ts';

export const CLI_LOG_FILE = join('logs', 'ccpos-cli.log');

function cliLogger(dataDir: string): { logger: Logger; close(): Promise<void> } {
  try {
    const sink = fileSink(join(dataDir, CLI_LOG_FILE));
    return { logger: createLogger(sink), close: sink.close };
  } catch {
    // A read-only data directory must not stop a support check.
    return { logger: silentLogger, close: async () => {} };
  }
}

export function clientFromConfig(
  config: CliConfig,
  overrides: { logger?: Logger } = {},
): { client: CareCloudClient; close(): Promise<void> } {
  const log = overrides.logger
    ? { logger: overrides.logger, close: async () => {} }
    : cliLogger(config.dataDir);
  const s = config.settings;
  const client = createCareCloudClient({
    projectUrl: s.projectUrl,
    credentials: {
      externalApplicationId: s.externalApplicationId,
      login: s.login,
      password: config.password,
    },
    language: s.language,
    timeZone: s.timeZone,
    timeouts: s.timeouts,
    retry: s.retry,
    logger: log.logger,
    dataDir: config.dataDir,
  });
  return {
    client,
    async close() {
      // Leave no session open at CareCloud behind a finished command; a failure here changes nothing.
      if (client.session.hasToken) await client.users.logoutCurrent().catch(() => undefined);
      await log.close();
    },
  };
}
