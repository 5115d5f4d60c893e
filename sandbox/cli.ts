// npm run sandbox -- [options]: the CareCloud sandbox as a standalone server.
import { runSandboxCli, SandboxUsageError, SANDBOX_USAGE } from './cli-run.ts';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};
try {
  process.exitCode = await runSandboxCli(process.argv.slice(2), io);
} catch (error) {
  if (error instanceof SandboxUsageError) {
    io.err(error.message);
    io.err(`Usage: npm run sandbox -- ${SANDBOX_USAGE.replace(/^sandbox /, '')}`);
    process.exitCode = 2;
  } else {
    io.err(`sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
