// The operating system's queue: `lp -o raw` gets the printer's bytes untouched on stdin.
// A stand-in `lp` records its arguments and stdin, or fails as CUPS does.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendToSpooler } from '../../electron/printing/spooler.ts';
import { printerBytes } from '../../electron/printing/render.ts';
import { PaperBuilder } from '../../shared/printing/document.ts';
import { printerSchema } from '../../shared/settings.ts';
import { decodeJob, DRAWER_KICK, includesBytes } from '../support/fake-printer.ts';
import { recordingCommand, type RecordingCommand } from '../support/recording-command.ts';

let dir: string | null = null;
let recorder: RecordingCommand | null = null;
const envBefore = { PATH: process.env.PATH, ComSpec: process.env.ComSpec };
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  recorder?.remove();
  recorder = null;
  for (const [name, value] of Object.entries(envBefore)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function standIn(script: string): string {
  dir = mkdtempSync(join(tmpdir(), 'ccpos-lp-'));
  const lp = join(dir, 'lp');
  writeFileSync(lp, `#!/bin/sh\n${script}\n`);
  chmodSync(lp, 0o755);
  return lp;
}

const printer = printerSchema.parse({ connection: 'spooler', queue: 'Pokladna_EPSON' });
const bytes = printerBytes(new PaperBuilder().text('Jana Nováková').build(), printer, { openDrawer: true });

describe('printing through the OS spooler', () => {
  it('hands the raw bytes to lp for the named queue', async () => {
    const lp = standIn('printf "%s\\n" "$@" > "$(dirname "$0")/args"; cat > "$(dirname "$0")/job"');
    expect(
      await sendToSpooler(
        { queue: printer.queue, timeoutMs: 5_000, lpCommand: lp, platform: 'linux' },
        bytes,
      ),
    ).toEqual({ ok: true, paperLow: false });
    expect(readFileSync(join(dir!, 'args'), 'utf8').trim().split('\n')).toEqual([
      '-d',
      'Pokladna_EPSON',
      '-o',
      'raw',
      '-s',
    ]);
    const job = readFileSync(join(dir!, 'job'));
    expect(job.equals(bytes)).toBe(true);
    expect(decodeJob(job)).toContain('Jana Nováková');
    expect(includesBytes(job, DRAWER_KICK)).toBe(true);
  });

  it('says which failure: no such queue, a spooler error, no lp at all, or no answer in time', async () => {
    const missing = standIn('cat > /dev/null; echo "lp: The printer or class does not exist." >&2; exit 1');
    expect(
      await sendToSpooler({ queue: 'nope', timeoutMs: 5_000, lpCommand: missing, platform: 'linux' }, bytes),
    ).toEqual({ ok: false, problem: 'not_found' });
    rmSync(dir!, { recursive: true, force: true });
    const broken = standIn('cat > /dev/null; echo "lp: Error - scheduler not responding." >&2; exit 1');
    expect(
      await sendToSpooler({ queue: 'q', timeoutMs: 5_000, lpCommand: broken, platform: 'linux' }, bytes),
    ).toEqual({ ok: false, problem: 'spooler_failed' });
    expect(
      await sendToSpooler(
        { queue: 'q', timeoutMs: 5_000, lpCommand: join(dir!, 'no-such-lp'), platform: 'linux' },
        bytes,
      ),
    ).toEqual({ ok: false, problem: 'spooler_failed' });
    rmSync(dir!, { recursive: true, force: true });
    const slow = standIn('cat > /dev/null; sleep 5');
    expect(
      await sendToSpooler({ queue: 'q', timeoutMs: 500, lpCommand: slow, platform: 'linux' }, bytes),
    ).toEqual({ ok: false, problem: 'timeout' });
  });

  it('refuses an empty queue, and on Windows a share name cmd.exe could read as a command', async () => {
    expect(await sendToSpooler({ queue: '', timeoutMs: 1_000, platform: 'linux' }, bytes)).toEqual({
      ok: false,
      problem: 'not_configured',
    });
    expect(
      await sendToSpooler({ queue: 'EPSON & calc', timeoutMs: 1_000, platform: 'win32' }, bytes),
    ).toEqual({ ok: false, problem: 'not_found' });
  });

  it('runs the lp it finds on PATH, as the app does (no command named)', async () => {
    recorder = recordingCommand('lp');
    process.env.PATH = `${recorder.dir}:${process.env.PATH ?? ''}`;
    expect(
      await sendToSpooler({ queue: 'Pokladna_EPSON', timeoutMs: 5_000, platform: 'linux' }, bytes),
    ).toEqual({ ok: true, paperLow: false });
    const [run] = recorder.runs();
    expect(run!.args).toEqual(['-d', 'Pokladna_EPSON', '-o', 'raw', '-s']);
    expect(run!.stdin.equals(bytes)).toBe(true);
  });

  // Windows' own half (cmd.exe's copy to a shared printer, Node's quoting of the arguments
  // there, the spooler's RAW datatype) needs a Windows machine; what the app hands over is checked here.
  it('on Windows copies the bytes in binary to the printer share through %ComSpec%, and removes its file', async () => {
    recorder = recordingCommand('cmd.exe');
    process.env.ComSpec = recorder.path;
    expect(
      await sendToSpooler({ queue: 'EPSON TM-T20', timeoutMs: 5_000, platform: 'win32' }, bytes),
    ).toEqual({ ok: true, paperLow: false });
    const [run] = recorder.runs();
    expect(run!.args.slice(0, 4)).toEqual(['/d', '/c', 'copy', '/b']);
    const file = run!.args[4]!;
    expect(basename(file)).toBe('receipt.bin');
    expect(basename(dirname(file))).toMatch(/^ccpos-print-/);
    expect(run!.args[5]).toBe('\\\\localhost\\EPSON TM-T20');
    expect(run!.args).toHaveLength(6);
    expect(run!.copied?.equals(bytes)).toBe(true);
    expect(run!.stdin).toHaveLength(0);
    expect(existsSync(dirname(file))).toBe(false);

    // copy fails ("The network name cannot be found."): reported, and the file is gone too.
    recorder.failWith('The network name cannot be found.');
    expect(
      await sendToSpooler({ queue: 'EPSON TM-T20', timeoutMs: 5_000, platform: 'win32' }, bytes),
    ).toEqual({ ok: false, problem: 'spooler_failed' });
    expect(existsSync(dirname(recorder.runs()[1]!.args[4]!))).toBe(false);
  });
});
