// A network ESC/POS printer for tests and benchmarks: listens on 127.0.0.1 (port 0),
// answers every real-time status request (DLE EOT n, n = 1..4) the moment it arrives with
// the byte an Epson-compatible printer in the state it is set to sends, and records every
// connection's bytes. Decoding helpers read the recorded bytes back in the code page.
import { createServer, type Server, type Socket } from 'node:net';
import iconv from 'iconv-lite';

export type FakePrinterMode =
  /** Answers status (paper fine) and takes everything. */
  | 'ready'
  /** Never answers status, takes everything (many cheap printers). */
  | 'silent'
  | 'paper_out'
  | 'paper_low'
  | 'cover_open'
  /** Accepts the connection, then reads nothing and answers nothing. */
  | 'stalled';

/**
 * The answer to DLE EOT 1 (printer), 2 (offline cause), 3 (error cause) and 4 (roll paper
 * sensor). Every one has bits 1 and 4 set. Offline (1: bit 3) while the cover is open
 * (2: bit 2) or the paper has run out (2: bit 5, "printing stops at paper end"); the paper
 * sensor says near-end in bits 2-3 and end in bits 5-6, and a printer without paper reports both.
 */
export const STATUS_BYTES: Record<
  'ready' | 'paper_out' | 'paper_low' | 'cover_open',
  Record<1 | 2 | 3 | 4, number>
> = {
  ready: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 },
  paper_out: { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x7e },
  paper_low: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e },
  cover_open: { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 },
};

/**
 * DLE EOT n at `at` in the bytes so far: n, null when it is not one, undefined when the bytes stop short of telling.
 */
function statusRequestAt(bytes: Buffer, at: number): 1 | 2 | 3 | 4 | null | undefined {
  if (bytes[at] !== 0x10) return null;
  if (at + 1 >= bytes.length) return undefined;
  if (bytes[at + 1] !== 0x04) return null;
  if (at + 2 >= bytes.length) return undefined;
  const n = bytes[at + 2]!;
  return n >= 1 && n <= 4 ? (n as 1 | 2 | 3 | 4) : null;
}

export interface FakePrinter {
  readonly port: number;
  /** Bytes of every finished connection, in order. */
  readonly jobs: Buffer[];
  mode: FakePrinterMode;
  /** Resolves when `count` connections have finished. */
  waitForJobs(count: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startFakePrinter(mode: FakePrinterMode = 'ready', port = 0): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  const waiters: { count: number; resolve: (jobs: Buffer[]) => void }[] = [];
  const sockets = new Set<Socket>();
  const printer: FakePrinter = {
    port: 0,
    jobs,
    mode,
    waitForJobs(count) {
      if (jobs.length >= count) return Promise.resolve(jobs.slice(0, count));
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    const modeNow = printer.mode;
    if (modeNow === 'stalled') {
      socket.pause();
      socket.on('close', () => sockets.delete(socket));
      return;
    }
    // Where the search for the next request goes on: a request may arrive split over packets.
    let scanned = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (modeNow === 'silent') return;
      const all = Buffer.concat(chunks);
      while (scanned < all.length) {
        const n = statusRequestAt(all, scanned);
        if (n === undefined) break;
        if (n === null) {
          scanned += 1;
          continue;
        }
        scanned += 3;
        if (!socket.destroyed) socket.write(Buffer.from([STATUS_BYTES[modeNow][n]]));
      }
    });
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      sockets.delete(socket);
      jobs.push(Buffer.concat(chunks));
      for (const waiter of [...waiters]) {
        if (jobs.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(jobs.slice(0, waiter.count));
        }
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  (printer as { port: number }).port = typeof address === 'object' && address ? address.port : 0;
  return printer;
}

/** The job's bytes read as text in a code page: commands show as noise, printed words as words. */
export function decodeJob(job: Buffer, codePage = 'cp852'): string {
  return iconv.decode(job, codePage);
}

/** ESC t n: every code page selection in the job. */
export function codePagesSelected(job: Buffer): number[] {
  const pages: number[] = [];
  for (let i = 0; i + 2 < job.length; i += 1)
    if (job[i] === 0x1b && job[i + 1] === 0x74) pages.push(job[i + 2]!);
  return pages;
}

export function includesBytes(job: Buffer, bytes: number[]): boolean {
  return job.includes(Buffer.from(bytes));
}

/** GS V: a paper cut. */
export const CUT = [0x1d, 0x56];
/** ESC p 0: a drawer kick on pin 2. */
export const DRAWER_KICK = [0x1b, 0x70, 0x00];
