// One JSON line per event, written to a sink the caller chooses (a file, stderr, or an
// array in tests). Nothing here decides what is personal: callers mask first.
import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, privateAppendStream } from '../config/file-modes.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type LogSink = (line: string) => void;

export interface Logger {
  log(level: LogLevel, event: string, fields: LogFields): void;
}

interface LogRecord {
  time: number;
  level: LogLevel;
  event: string;
  fields: LogFields;
}

/** A sink that takes records and turns them into lines later, off the caller's path. */
interface DeferringSink extends LogSink {
  enqueue(record: LogRecord): void;
}

const isDeferring = (sink: LogSink): sink is DeferringSink =>
  typeof (sink as Partial<DeferringSink>).enqueue === 'function';

function formatRecord(record: LogRecord): string {
  return JSON.stringify({
    time: new Date(record.time).toISOString(),
    level: record.level,
    event: record.event,
    ...record.fields,
  });
}

export function createLogger(sink: LogSink, now: () => number = Date.now): Logger {
  if (isDeferring(sink)) {
    return {
      log(level, event, fields) {
        sink.enqueue({ time: now(), level, event, fields });
      },
    };
  }
  return {
    log(level, event, fields) {
      sink(formatRecord({ time: now(), level, event, fields }));
    },
  };
}

export const silentLogger: Logger = { log() {} };

/** How long a log line may wait to be written together with the next ones. */
export const LOG_FLUSH_MS = 200;
const MAX_PENDING = 1_000;

/**
 * Appends lines to a file, creating its folder. Records are gathered for up to
 * LOG_FLUSH_MS (or MAX_PENDING records), then formatted and written together: a call
 * pays for a push, not for JSON and a write.
 */
export function fileSink(path: string): DeferringSink & { close(): Promise<void> } {
  ensurePrivateDir(dirname(path));
  const stream = privateAppendStream(path);
  // A full disk or a revoked file must not take the terminal down with it.
  stream.on('error', () => {});
  let pending: (LogRecord | string)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drain = (): string => {
    let text = '';
    for (const item of pending) text += `${typeof item === 'string' ? item : formatRecord(item)}\n`;
    pending = [];
    return text;
  };
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length > 0) stream.write(drain());
  };
  const add = (item: LogRecord | string) => {
    pending.push(item);
    if (pending.length >= MAX_PENDING) flush();
    // Unref'd: a pending flush never keeps a finished `ccpos` command alive; close() flushes.
    else if (timer === undefined) timer = setTimeout(flush, LOG_FLUSH_MS).unref();
  };
  // Lines still gathered when the process exits are written synchronously.
  const onExit = () => {
    if (pending.length === 0) return;
    try {
      appendFileSync(path, drain());
    } catch {
      // Nothing left to tell at exit.
    }
  };
  process.once('exit', onExit);
  const sink = (line: string) => add(line);
  return Object.assign(sink, {
    enqueue: (record: LogRecord) => add(record),
    close: () =>
      new Promise<void>((resolve) => {
        process.off('exit', onExit);
        flush();
        stream.end(() => resolve());
      }),
  });
}
