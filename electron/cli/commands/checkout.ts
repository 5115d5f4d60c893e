// `ccpos checkout --file bill.json`: closes one sale exactly as the till does
// (journal first, then one send), and says how it ended.
import { closeSync, fstatSync, openSync as openFile, readSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO, type Command } from '../command.ts';
import { closedBill, parseBillFile } from '../../sync/bill-file.ts';
import { configFlagOptions, configFlagsOf, openSync } from '../../sync/cli-terminal.ts';
import { CONFIG_FLAG_USAGE } from '../../config/flags.ts';
import { purchaseEntry } from '../../sync/closure.ts';
import { BillRefusedError, MAX_BILL_FILE_BYTES } from '../../sync/bill-check.ts';

/** The file's text, refused before it is read whole when it is larger than any bill can be. */
function readBillFile(file: string): string {
  let fd: number;
  try {
    fd = openFile(file, 'r');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_BILL_FILE_BYTES)
      throw new UsageError(
        `The bill file is ${(size / 1048576).toFixed(1)} MB; ` +
          `a bill file may be at most ${MAX_BILL_FILE_BYTES / 1048576} MB. Nothing was journaled.`,
      );
    // One byte more than the limit: a file that grows while it is read is still caught.
    const buffer = Buffer.alloc(MAX_BILL_FILE_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_BILL_FILE_BYTES)
      throw new UsageError(
        `The bill file is larger than ${MAX_BILL_FILE_BYTES / 1048576} MB, the most a bill file may be. ` +
          `Nothing was journaled.`,
      );
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
  } finally {
    closeSync(fd);
  }
}

export const checkoutCommand: Command = {
  name: 'checkout',
  summary: 'close one sale from a bill file through the journal, as the till does',
  usage: `checkout --file bill.json [--operator NAME] ${CONFIG_FLAG_USAGE}`,
  async run(args: string[], io: CliIO): Promise<number> {
    let values: { file?: string; operator?: string } & Record<string, unknown>;
    try {
      values = parseArgs({
        args,
        options: { file: { type: 'string' }, operator: { type: 'string' }, ...configFlagOptions },
        strict: true,
      }).values;
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (!values.file) throw new UsageError('Give the bill with --file bill.json.');
    const json = readBillFile(values.file);
    const parsed = parseBillFile(json);
    if (!parsed.ok) throw new UsageError(parsed.error);
    const sync = openSync(io.env, configFlagsOf(values));
    try {
      const s = sync.config.settings;
      if (!s.storeId) throw new UsageError('No store is configured: set CCPOS_STORE_ID or --store-id.');
      let entry: ReturnType<typeof purchaseEntry>;
      try {
        entry = purchaseEntry(
          closedBill(parsed.value, {
            storeId: s.storeId,
            cashdesk: s.cashdeskNumber,
            operator: values.operator?.trim() || `support:${userInfo().username}`,
          }),
          { timeZone: s.timeZone },
        );
      } catch (error) {
        if (error instanceof BillRefusedError)
          throw new UsageError(
            `The bill cannot be sent to CareCloud: ${error.message} Nothing was journaled.`,
          );
        throw error;
      }
      const result = await sync.engine.close(entry);
      io.out(`bill_id      ${result.entry.billId ?? '-'}`);
      const why =
        result.outcome === 'queued' ? ` (${result.why}${result.error ? `: ${result.error}` : ''})` : '';
      io.out(`outcome      ${result.outcome}${why}`);
      io.out(
        `purchase id  ${result.outcome === 'synced' ? (result.purchaseId ?? '(already in CareCloud)') : '-'}`,
      );
      // The sale is in CareCloud: a failure to write that down must not read as a failed sale.
      if (result.outcome === 'synced' && result.unrecorded)
        io.out(
          `journal      CareCloud has the sale, but the journal could not ` +
            `record it yet (${result.unrecorded.message}). ` +
            `It is recorded when the journal can be written again; do not ring the sale again.`,
        );
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
