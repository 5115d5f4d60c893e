// `ccpos checkout --file bill.json`: closes one sale exactly as the till does
// (journal first, then one send), and says how it ended.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO, type Command } from '../command.ts';
import { closedBill, parseBillFile } from '../../sync/bill-file.ts';
import { configFlagOptions, configFlagsOf, openSync } from '../../sync/cli-terminal.ts';
import { CONFIG_FLAG_USAGE } from '../../config/flags.ts';
import { purchaseEntry } from '../../sync/closure.ts';

export const checkoutCommand: Command = {
  name: 'checkout',
  summary: 'close one sale from a bill file through the journal, as the till does',
  usage: `checkout --file bill.json [--operator NAME] ${CONFIG_FLAG_USAGE}`,
  async run(args: string[], io: CliIO): Promise<number> {
    let values: { file?: string; operator?: string } & Record<string, unknown>;
    try {
      values = parseArgs({ args, options: { file: { type: 'string' }, operator: { type: 'string' }, ...configFlagOptions }, strict: true }).values;
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (!values.file) throw new UsageError('Give the bill with --file bill.json.');
    let json: string;
    try {
      json = readFileSync(values.file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
    }
    const parsed = parseBillFile(json);
    if (!parsed.ok) throw new UsageError(parsed.error);
    const sync = openSync(io.env, configFlagsOf(values));
    try {
      const s = sync.config.settings;
      if (!s.storeId) throw new UsageError('No store is configured: set CCPOS_STORE_ID or --store-id.');
      const entry = purchaseEntry(closedBill(parsed.value, { storeId: s.storeId, cashdesk: s.cashdeskNumber, operator: values.operator?.trim() || `support:${userInfo().username}` }), { timeZone: s.timeZone });
      const result = await sync.engine.close(entry);
      io.out(`bill_id      ${result.entry.billId ?? '-'}`);
      io.out(`outcome      ${result.outcome}${result.outcome === 'queued' ? ` (${result.why}${result.error ? `: ${result.error}` : ''})` : ''}`);
      io.out(`purchase id  ${result.outcome === 'synced' ? (result.purchaseId ?? '(already in CareCloud)') : '-'}`);
      if (result.outcome === 'rejected') {
        io.out(`refused      ${result.reasons.map((r) => `${r.name}/${r.reason}`).join(', ')}`);
        return EXIT_FAILED;
      }
      return EXIT_OK;
    } finally {
      await sync.close();
    }
  },
};
