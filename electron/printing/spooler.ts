// The operating system's print queue, given the printer's own bytes untouched ("raw"):
// CUPS `lp -o raw` on Linux and macOS; on Windows the printer must be shared and the
// bytes are copied to its share (`copy /b file \\localhost\<share>`), which the spooler
// passes through as RAW, since Windows has no raw printing command of its own.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendResult } from './network.ts';

export interface SpoolerTarget {
  queue: string;
  timeoutMs: number;
  platform?: NodeJS.Platform;
  /** The `lp` program (tests point this at a stand-in). */
  lpCommand?: string;
  env?: NodeJS.ProcessEnv;
}

function run(file: string, args: string[], input: Buffer | null, target: SpoolerTarget): Promise<SendResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { timeout: target.timeoutMs, windowsHide: true, env: target.env ?? process.env, encoding: 'buffer' },
      (error, _stdout, stderr) => {
        if (!error) return resolve({ ok: true, paperLow: false });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return resolve({ ok: false, problem: 'spooler_failed' });
        if (error.killed) return resolve({ ok: false, problem: 'timeout' });
        // lp says so when the queue does not exist ("The printer or class does not exist").
        const said = Buffer.isBuffer(stderr) ? stderr.toString('utf8') : String(stderr);
        resolve({
          ok: false,
          problem: /does not exist|unknown printer|not exist/i.test(said) ? 'not_found' : 'spooler_failed',
        });
      },
    );
    child.stdin?.on('error', () => {});
    if (input) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

export async function sendToSpooler(target: SpoolerTarget, bytes: Buffer): Promise<SendResult> {
  if (target.queue === '') return { ok: false, problem: 'not_configured' };
  const platform = target.platform ?? process.platform;
  if (platform !== 'win32')
    return run(target.lpCommand ?? 'lp', ['-d', target.queue, '-o', 'raw', '-s'], bytes, target);
  // cmd.exe reads the share name: only a plain name, so nothing in it is a command.
  if (!/^[A-Za-z0-9._ -]{1,80}$/.test(target.queue)) return { ok: false, problem: 'not_found' };
  const dir = await mkdtemp(join(tmpdir(), 'ccpos-print-'));
  try {
    const file = join(dir, 'receipt.bin');
    await writeFile(file, bytes);
    return await run(
      process.env.ComSpec ?? 'cmd.exe',
      ['/d', '/c', 'copy', '/b', file, `\\\\localhost\\${target.queue}`],
      null,
      target,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
