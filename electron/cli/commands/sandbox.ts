// ccpos sandbox: runs the embedded CareCloud sandbox, or prints its demo cheat sheet.
import { runSandboxCli, SandboxUsageError, SANDBOX_USAGE } from '../../../sandbox/cli-run.ts';
import { UsageError, type Command } from '../command.ts';

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'Run the embedded CareCloud sandbox (demo data, faults) or print its cheat sheet',
  usage: SANDBOX_USAGE,
  async run(args, io) {
    try {
      return await runSandboxCli(args, io);
    } catch (error) {
      if (error instanceof SandboxUsageError) throw new UsageError(error.message);
      throw error;
    }
  },
};
