// `ccpos operators`: who may sign in at this terminal. A configured terminal gets
// its first manager here; the PIN comes from CCPOS_PIN so it stays out of shell history.
import { parseArgs } from 'node:util';
import Conf from 'conf';
import { UsageError, EXIT_FAILED, EXIT_OK, type CliIO, type Command } from '../cli/command.ts';
import { defaultDataDir } from '../config/data-dir.ts';
import { ensurePrivateDir, privateStoreOptions } from '../config/file-modes.ts';
import type { KeyValueBackend } from '../settings/backend.ts';
import { OperatorDirectory, PinInUseError, PinTooShortError } from './operators.ts';

const usage = `operators list [--data-dir DIR]
       CCPOS_PIN=1234 ccpos operators add --name NAME --role cashier|manager [--data-dir DIR]
       ccpos operators remove <id> [--data-dir DIR]
       ccpos operators unlock [--data-dir DIR]   (lift the locks after wrong PINs)
A manager's PIN is 6 to 8 digits, a cashier's 4 to 8.`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { name: { type: 'string' }, role: { type: 'string' }, 'data-dir': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export const operatorsCommand: Command = {
  name: 'operators',
  summary: 'list, add or remove the operators who sign in with a PIN; lift a sign-in lock',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parse(args);
    const dataDir = values['data-dir'] ?? (io.env.CCPOS_DATA_DIR || defaultDataDir(io.env));
    ensurePrivateDir(dataDir);
    const directory = new OperatorDirectory(
      new Conf({ cwd: dataDir, configName: 'operators', ...privateStoreOptions }) as KeyValueBackend,
    );
    const [action, id] = positionals;
    switch (action) {
      case 'list': {
        const operators = directory.list();
        if (operators.length === 0) io.out('No operators: add a manager with `ccpos operators add`.');
        for (const operator of operators)
          io.out(`${operator.id}  ${operator.role.padEnd(7)}  ${operator.name}`);
        const signIn = directory.lockedUntil('signin');
        if (signIn) io.out(`Sign-in is locked until ${signIn.toISOString()}.`);
        const manager = directory.lockedUntil('manager');
        if (manager) io.out(`Manager PINs are locked until ${manager.toISOString()}.`);
        return EXIT_OK;
      }
      case 'add': {
        const pin = io.env.CCPOS_PIN ?? '';
        if (!values.name?.trim()) throw new UsageError('Give the operator a --name.');
        if (values.role !== 'cashier' && values.role !== 'manager')
          throw new UsageError('--role must be cashier or manager.');
        if (!/^\d{4,8}$/.test(pin)) throw new UsageError('Set CCPOS_PIN to the new PIN, 4 to 8 digits.');
        try {
          const operator = await directory.add({ name: values.name.trim(), role: values.role, pin });
          io.out(`Added ${operator.role} ${operator.name} (${operator.id}).`);
          return EXIT_OK;
        } catch (error) {
          if (error instanceof PinInUseError)
            throw new UsageError('Another operator already uses this PIN; choose another.');
          if (error instanceof PinTooShortError)
            throw new UsageError(
              `A manager's PIN is ${error.minimum} to 8 digits; set CCPOS_PIN to a longer one.`,
            );
          throw error;
        }
      }
      case 'remove': {
        if (!id) throw new UsageError('Name the operator id to remove (see `ccpos operators list`).');
        if (directory.remove(id)) {
          io.out(`Removed ${id}.`);
          return EXIT_OK;
        }
        io.err(`No operator has the id ${id}.`);
        return EXIT_FAILED;
      }
      case 'unlock':
        directory.unlock();
        io.out('Sign-in and manager PINs are unlocked.');
        return EXIT_OK;
      default:
        throw new UsageError(`Say what to do: list, add, remove or unlock.`);
    }
  },
};
