// One JSON line per event, written to a sink the caller chooses (a file, stderr, or an
// array in tests). Nothing here decides what is personal: callers mask first.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type LogSink = (line: string) => void;

export interface Logger {
  log(level: LogLevel, event: string, fields: LogFields): void;
}

export function createLogger(sink: LogSink, now: () => number = Date.now): Logger {
  return {
    log(level, event, fields) {
      sink(JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...fields }));
    },
  };
}

export const silentLogger: Logger = { log() {} };

/** Appends lines to a file, creating its folder; writes are buffered by the stream. */
export function fileSink(path: string): LogSink & { close(): Promise<void> } {
  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { flags: 'a' });
  // A full disk or a revoked file must not take the terminal down with it.
  stream.on('error', () => {});
  const sink = (line: string) => {
    stream.write(`${line}\n`);
  };
  return Object.assign(sink, {
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  });
}
