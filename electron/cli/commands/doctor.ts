// `ccpos doctor`: the configuration, reachability, login and time-zone checks, one line
// each. Exit 0 when all pass, 1 when a check fails, 2 when the configuration is unusable.
import type { DiagnosticCheck } from '../../../shared/diagnostics.ts';
import { clientFromConfig } from '../../config/client.ts';
import { CONFIG_FLAG_USAGE, FlagError, parseCommandLine } from '../../config/flags.ts';
import { loadConfig, missingSentence } from '../../config/load.ts';
import type { CareCloudClient } from '../../carecloud/client.ts';
import { runDoctor } from '../../diagnostics/index.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from '../command.ts';

const LABEL: Record<DiagnosticCheck['status'], string> = {
  pass: 'ok',
  warn: 'warn',
  fail: 'FAIL',
  skip: 'skip',
};

export function formatCheck(check: DiagnosticCheck): string {
  return `${LABEL[check.status].padEnd(4)}  ${check.title.padEnd(20)}  ${check.detail}`;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check configuration, CareCloud reachability, login and time zone',
  usage: `doctor ${CONFIG_FLAG_USAGE}`,
  async run(args: string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseCommandLine(args);
    } catch (error) {
      if (error instanceof FlagError) throw new UsageError(error.message);
      throw error;
    }
    if (parsed.positionals.length > 0)
      throw new UsageError(`doctor takes no arguments, got "${parsed.positionals[0]}".`);
    const config = loadConfig(io.env, parsed.flags);
    const missing = missingSentence(config);
    const configProblems = missing ? [missing] : [];
    let opened: ReturnType<typeof clientFromConfig> | undefined;
    const client = (): CareCloudClient => (opened ??= clientFromConfig(config)).client;
    try {
      const report = await runDoctor({
        settings: config.settings,
        configProblems,
        client,
        now: Date.now,
        dataDir: config.dataDir,
        keyStorage: config.keyStorage,
      });
      for (const check of report.checks) io.out(formatCheck(check));
      if (configProblems.length > 0) return EXIT_USAGE;
      return report.ok ? EXIT_OK : EXIT_FAILED;
    } finally {
      await opened?.close();
    }
  },
};
