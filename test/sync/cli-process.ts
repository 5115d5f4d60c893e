// Runs `ccpos` in a child process from a bundle of test/sync/cli-child.ts (built once per test
// file): for tests that must kill the command or change its limits while it runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const childSource = fileURLToPath(new URL('./cli-child.ts', import.meta.url));
// Beside node_modules so the packages left out of the bundle still resolve.
export const cliBundle = fileURLToPath(
  new URL('../../node_modules/.cache/ccpos-cli-test/ccpos.mjs', import.meta.url),
);

export async function buildCli(): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [childSource],
    outfile: cliBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'silent',
  });
}

export interface CliProcess {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, [cliBundle, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
    },
  );
  return { child, done };
}
