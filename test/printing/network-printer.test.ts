import { afterEach, describe, expect, it } from 'vitest';
import { PaperBuilder } from '../../shared/printing/document.ts';
import { printerSchema } from '../../shared/settings.ts';
import { PrintService } from '../../electron/printing/print-service.ts';
import { Socket } from 'node:net';
import { readStatus, STATUS_QUERY } from '../../electron/printing/escpos-status.ts';
import {
  codePagesSelected,
  CUT,
  decodeJob,
  DRAWER_KICK,
  includesBytes,
  startFakePrinter,
  STATUS_BYTES,
  type FakePrinter,
} from '../support/fake-printer.ts';

let printer: FakePrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

function service(port: number, extra: Record<string, unknown> = {}) {
  const settings = printerSchema.parse({
    connection: 'network',
    host: '127.0.0.1',
    port,
    timeoutMs: 2_000,
    ...extra,
  });
  return new PrintService({ printer: () => settings });
}

const page = () =>
  new PaperBuilder().text('Jana Nováková').pair('Káva | espresso', '45,00 Kč').text('ŽLUŤOUČKÝ kůň').build();

describe('printing on a network ESC/POS printer', () => {
  it('sends Czech text in code page 852, selected with ESC t 18, and cuts the paper', async () => {
    printer = await startFakePrinter();
    const outcome = await service(printer.port).print({ kind: 'test', label: 'test', document: page() });
    expect(outcome).toEqual({ outcome: 'printed', paperLow: false });
    const [job] = await printer.waitForJobs(1);
    const text = decodeJob(job!);
    expect(text).toContain('Jana Nováková');
    expect(text).toContain('Káva | espresso');
    expect(text).toContain('ŽLUŤOUČKÝ kůň');
    expect(codePagesSelected(job!)).toContain(18);
    expect(includesBytes(job!, CUT)).toBe(true);
    expect(includesBytes(job!, DRAWER_KICK)).toBe(false);
  });

  it('kicks the drawer only when asked and allowed, and leaves the paper uncut when the setting says so', async () => {
    printer = await startFakePrinter();
    await service(printer.port).print({ kind: 'receipt', label: 'B1', document: page(), openDrawer: true });
    await service(printer.port, { drawer: false, cut: false }).print({
      kind: 'receipt',
      label: 'B2',
      document: page(),
      openDrawer: true,
    });
    const [kicked, plain] = await printer.waitForJobs(2);
    expect(includesBytes(kicked!, DRAWER_KICK)).toBe(true);
    expect(includesBytes(plain!, DRAWER_KICK)).toBe(false);
    expect(includesBytes(plain!, CUT)).toBe(false);
  });

  it('reports a printer without paper or with its cover open before printing, and low paper after', async () => {
    printer = await startFakePrinter('paper_out');
    const printing = service(printer.port);
    expect(await printing.print({ kind: 'receipt', label: 'B1', document: page() })).toEqual({
      outcome: 'failed',
      problem: 'paper_out',
    });
    expect(printing.status()).toMatchObject({
      state: 'failed',
      problem: 'paper_out',
      last: { label: 'B1', outcome: 'failed' },
    });
    printer.mode = 'cover_open';
    expect(await printing.print({ kind: 'receipt', label: 'B2', document: page() })).toEqual({
      outcome: 'failed',
      problem: 'cover_open',
    });
    printer.mode = 'paper_low';
    expect(await printing.print({ kind: 'receipt', label: 'B3', document: page() })).toEqual({
      outcome: 'printed',
      paperLow: true,
    });
    expect(printing.status()).toMatchObject({ state: 'idle', problem: null, paperLow: true });
    // Nothing of the refused receipts reached the paper: only the status questions.
    const jobs = await printer.waitForJobs(3);
    expect(decodeJob(jobs[0]!)).not.toContain('Jana');
    expect(decodeJob(jobs[2]!)).toContain('Jana Nováková');
  });

  it('the fake printer answers each DLE EOT as it comes, even split in packets, with real printer bytes', async () => {
    printer = await startFakePrinter('paper_out');
    const socket = new Socket();
    const answered: number[] = [];
    socket.on('data', (chunk: Buffer) => answered.push(...chunk));
    await new Promise<void>((resolve) => socket.connect(printer!.port, '127.0.0.1', resolve));
    // DLE EOT 1, then 2 split after DLE, then text, then 3 and 4 in one packet.
    const until = async (count: number) => {
      while (answered.length < count) await new Promise((r) => setTimeout(r, 10));
    };
    socket.write(Buffer.from([0x10, 0x04, 0x01]));
    await until(1);
    socket.write(Buffer.from([0x10]));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toHaveLength(1);
    socket.write(Buffer.from([0x04, 0x02, 0x41, 0x10, 0x41, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]));
    await until(4);
    socket.destroy();
    expect(answered).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    // What the terminal asks (offline cause, then paper) read as it reads a real printer's answer.
    for (const [mode, problem, paperLow] of [
      ['ready', null, false],
      ['paper_out', 'paper_out', true],
      ['cover_open', 'cover_open', false],
      ['paper_low', null, true],
    ] as const) {
      const answer = [STATUS_QUERY[2], STATUS_QUERY[5]].map((n) => STATUS_BYTES[mode][n as 2 | 4]);
      expect(readStatus(Uint8Array.from(answer))).toEqual({ problem, paperLow });
    }
  });

  it('prints on a printer that never answers status', async () => {
    printer = await startFakePrinter('silent');
    expect(await service(printer.port).print({ kind: 'test', label: 'test', document: page() })).toEqual({
      outcome: 'printed',
      paperLow: false,
    });
    expect(decodeJob((await printer.waitForJobs(1))[0]!)).toContain('Jana Nováková');
  });

  it('says the printer is off when nothing listens, and not answering when it stalls', async () => {
    printer = await startFakePrinter();
    const port = printer.port;
    await printer.close();
    printer = null;
    expect(await service(port).print({ kind: 'test', label: 'test', document: page() })).toEqual({
      outcome: 'failed',
      problem: 'refused',
    });
    printer = await startFakePrinter('stalled');
    const big = new PaperBuilder();
    // More than the socket buffers hold, so the write itself waits on a printer that reads nothing.
    for (let i = 0; i < 20_000; i += 1) big.text(`Řádek ${i} s textem, který tiskárna nikdy nepřečte`);
    expect(
      await service(printer.port, { timeoutMs: 800 }).print({
        kind: 'test',
        label: 'test',
        document: big.build(),
      }),
    ).toEqual({ outcome: 'failed', problem: 'timeout' });
  });

  it('prints one job at a time in the order asked', async () => {
    printer = await startFakePrinter();
    const printing = service(printer.port);
    const docs = ['první', 'druhý', 'třetí'].map((word) => new PaperBuilder().text(word).build());
    const outcomes = await Promise.all(
      docs.map((document, i) => printing.print({ kind: 'receipt', label: `B${i}`, document })),
    );
    expect(outcomes.every((o) => o.outcome === 'printed')).toBe(true);
    const jobs = await printer.waitForJobs(3);
    expect(jobs.map((job) => ['první', 'druhý', 'třetí'].find((w) => decodeJob(job).includes(w)))).toEqual([
      'první',
      'druhý',
      'třetí',
    ]);
  });

  it('does not print a receipt when no printer is set', async () => {
    const printing = new PrintService({ printer: () => printerSchema.parse({}) });
    expect(await printing.print({ kind: 'receipt', label: 'B1', document: page() })).toEqual({
      outcome: 'no_printer',
    });
    expect(await printing.print({ kind: 'test', label: 'test', document: page() })).toEqual({
      outcome: 'failed',
      problem: 'not_configured',
    });
  });
});
