// The e2e tests and the renderer benchmark run the real build: build it once
// when it is missing or older than its sources. A lock directory keeps parallel
// workers from building at the same time.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const rendererDir = join(repositoryRoot, 'out/renderer');
const lockDir = join(repositoryRoot, 'out/.renderer-build-lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number | null {
  try {
    return statSync(join(rendererDir, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}

export function rendererIsCurrent(): boolean {
  const built = builtAt();
  if (built === null) return false;
  const sources = Math.max(
    newestSource(join(repositoryRoot, 'renderer')),
    newestSource(join(repositoryRoot, 'shared')),
  );
  return built >= sources;
}

function takeLock(): boolean {
  try {
    mkdirSync(dirname(lockDir), { recursive: true });
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a crashed build is stale after two minutes.
    try {
      if (Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // Someone else removed it first.
    }
    return false;
  }
}

/** Returns true when this call built the renderer. */
export async function ensureRendererBuilt(): Promise<boolean> {
  while (!rendererIsCurrent()) {
    if (!takeLock()) {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (rendererIsCurrent()) return false;
      const vite = join(repositoryRoot, 'node_modules/vite/bin/vite.js');
      // vitest sets NODE_ENV=test, which would give a development build of the screens.
      const env = { ...process.env, NODE_ENV: 'production' };
      await promisify(execFile)(
        process.execPath,
        [vite, 'build', '--mode', 'renderer', '--logLevel', 'warn'],
        { cwd: repositoryRoot, env },
      );
      return true;
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
  return false;
}
