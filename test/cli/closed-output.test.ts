// `ccpos help | head -1`: a reader that closes the pipe early must not turn into a
// stack trace; the command ends quietly with its own exit code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/ccpos.js', import.meta.url));

function runWithClosedOutput(
  args: string[],
  close: ('stdout' | 'stderr')[],
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI has loaded: every write it makes meets a closed pipe.
    for (const name of close) child[name].destroy();
    let stderr = '';
    if (!close.includes('stderr')) child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('ccpos with its output closed early', () => {
  it('ends help quietly with exit code 0', async () => {
    const run = await runWithClosedOutput(['help'], ['stdout']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('prints the long cheat sheet into a closed pipe without a trace', async () => {
    const run = await runWithClosedOutput(['sandbox', '--cheatsheet'], ['stdout']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it("keeps a usage error's exit code when both outputs are closed", async () => {
    const run = await runWithClosedOutput(['no-such-command'], ['stdout', 'stderr']);
    expect(run.code).toBe(2);
  });
});
