// Builds `ccpos` (electron/cli/main.ts) to one JavaScript file, out/cli/ccpos.js, with
// esbuild: no TypeScript loader at run time. Runtime packages stay external, as in main.
// `buildCliIfStale` rebuilds only when a source is newer than the built file; parallel
// callers each write a temporary file and rename it into place, so none reads half a file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const cliBundle = join(root, 'out/cli/ccpos.js');
const sourceFolders = ['electron', 'shared', 'sandbox', 'resources/carecloud'];
const contractFiles = ['openapi.trimmed.json', 'reason-codes.json'];

function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const folder of sourceFolders) visit(join(root, folder));
  return newest;
}

/** Writes `to` through a temporary file and a rename. */
function copyAtomically(from, to) {
  const temporary = `${to}.${process.pid}.tmp`;
  copyFileSync(from, temporary);
  renameSync(temporary, to);
}

export async function buildCli() {
  // Loaded only to build: every `ccpos` run in a source checkout comes through here first.
  const { build } = await import('esbuild');
  mkdirSync(dirname(cliBundle), { recursive: true });
  const temporary = `${cliBundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(root, 'electron/cli/main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'error',
  });
  // The sandbox command reads the contract at ../resources from the bundle, as main does.
  const contractDir = join(root, 'out/resources/carecloud');
  mkdirSync(contractDir, { recursive: true });
  for (const file of contractFiles)
    copyAtomically(join(root, 'resources/carecloud', file), join(contractDir, file));
  renameSync(temporary, cliBundle);
}

export async function buildCliIfStale() {
  if (existsSync(cliBundle) && statSync(cliBundle).mtimeMs >= newestSource()) return false;
  await buildCli();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
