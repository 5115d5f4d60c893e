// Runs the real `ccpos` executable (bin/ccpos.js) as its own process, as support would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CCPOS_BIN = fileURLToPath(new URL('../../../bin/ccpos.js', import.meta.url));

export interface ProcessRun {
  code: number | null;
  out: string;
  err: string;
}

export function runCcpos(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CCPOS_BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}
