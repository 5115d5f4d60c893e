import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './command.ts';
import { commands } from './commands/index.ts';
import { ConfigError } from '../config/load.ts';

const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

function help(io: CliIO): void {
  io.out('Usage: ccpos <command> [options]\n\nCommands:');
  for (const command of commands) io.out(`  ${command.name.padEnd(10)} ${command.summary}`);
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}". Run "ccpos help" for the list.`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // Unusable configuration: its one sentence, and the usage exit code.
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(`Usage: ccpos ${command.usage}`);
      return EXIT_USAGE;
    }
    io.err(`ccpos ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
}
