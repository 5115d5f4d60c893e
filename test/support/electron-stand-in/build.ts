// The shell tests run the real bundles: build `out/main` and `out/preload` once when
// missing or older than their sources, one worker at a time (a lock directory).
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ensureRendererBuilt, repositoryRoot } from '../../e2e/support/build.ts';

export const mainBundle = join(repositoryRoot, 'out/main/main.js');
export const preloadBundle = join(repositoryRoot, 'out/preload/preload.cjs');
const lockDir = join(repositoryRoot, 'out/.shell-build-lock');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let found = 0;
  for (const entry of readdirSync(path)) found = Math.max(found, newest(join(path, entry)));
  return found;
}

function builtAt(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function current(): boolean {
  const sources = Math.max(
    ...['electron', 'shared', 'sandbox', 'resources/carecloud', 'vite.config.ts', 'package.json'].map((p) =>
      newest(join(repositoryRoot, p)),
    ),
  );
  return [mainBundle, preloadBundle].every((file) => (builtAt(file) ?? 0) >= sources);
}

function takeLock(): boolean {
  try {
    mkdirSync(dirname(lockDir), { recursive: true });
    mkdirSync(lockDir);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lockDir).mtimeMs > 180_000) rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // Someone else removed it first.
    }
    return false;
  }
}

/** Builds the renderer, the main bundle and the preload as `npm run build` does, when they are stale. */
export async function ensureShellBuilt(): Promise<void> {
  await ensureRendererBuilt();
  while (!current()) {
    if (!takeLock()) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (current()) return;
      const vite = join(repositoryRoot, 'node_modules/vite/bin/vite.js');
      const env = { ...process.env, NODE_ENV: 'production' };
      for (const mode of ['main', 'preload']) {
        await promisify(execFile)(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
          cwd: repositoryRoot,
          env,
        });
      }
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}
