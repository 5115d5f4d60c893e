// A network ESC/POS printer: raw bytes over TCP (port 9100 on most). The status is asked
// first and a printer without paper is reported before anything is sent; one that does
// not answer status within a moment is printed to all the same.
import { Socket } from 'node:net';
import type { PrinterProblem } from '../../shared/printing/status.ts';
import { readStatus, STATUS_QUERY, type PaperState } from './escpos-status.ts';

export interface NetworkTarget {
  host: string;
  port: number;
  /** For the whole print: connect, status, write and close. */
  timeoutMs: number;
  /** How long to wait for the status answer before printing without one. */
  statusWaitMs?: number;
}

export type SendResult = { ok: true; paperLow: boolean } | { ok: false; problem: PrinterProblem };

function problemOf(error: NodeJS.ErrnoException): PrinterProblem {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'not_found';
    default:
      return 'unreachable';
  }
}

export function sendToNetworkPrinter(target: NetworkTarget, bytes: Buffer): Promise<SendResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    let answer = Buffer.alloc(0);
    let status: PaperState | null = null;
    let statusTimer: NodeJS.Timeout | null = null;
    let printing = false;
    const finish = (result: SendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      if (statusTimer) clearTimeout(statusTimer);
      socket.destroy();
      resolve(result);
    };
    const overall = setTimeout(() => finish({ ok: false, problem: 'timeout' }), target.timeoutMs);
    const print = (): void => {
      if (printing || settled) return;
      printing = true;
      if (statusTimer) clearTimeout(statusTimer);
      if (status?.problem) return finish({ ok: false, problem: status.problem });
      // Closed only once the printer took every byte: end() flushes, 'close' follows its FIN.
      socket.end(bytes);
    };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (printing) return;
      answer = Buffer.concat([answer, chunk]);
      if (answer.length >= 2) {
        status = readStatus(answer.subarray(0, 2));
        print();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, problem: printing && !socket.connecting ? 'unreachable' : problemOf(error) }),
    );
    // Some printers keep their side open: every byte handed over and a moment's quiet is done too.
    socket.on('finish', () =>
      setTimeout(() => finish({ ok: true, paperLow: status?.paperLow ?? false }), 1_000).unref(),
    );
    socket.on('close', () => {
      if (printing) finish({ ok: true, paperLow: status?.paperLow ?? false });
      else finish({ ok: false, problem: 'unreachable' });
    });
    socket.connect({ host: target.host, port: target.port }, () => {
      socket.write(STATUS_QUERY);
      statusTimer = setTimeout(print, target.statusWaitMs ?? Math.min(700, Math.floor(target.timeoutMs / 3)));
    });
  });
}
