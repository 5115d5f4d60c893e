#!/usr/bin/env node
// The support command line: the main-process services built to JavaScript
// (out/cli/ccpos.js by scripts/build-cli.js). In a source checkout a missing or
// stale build is rebuilt first.
import '../scripts/require-node.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const builder = new URL('../scripts/build-cli.js', import.meta.url);
if (existsSync(fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url))) && existsSync(fileURLToPath(builder))) {
  const { buildCliIfStale } = await import(builder.href);
  await buildCliIfStale();
}
const { main } = await import(new URL('../out/cli/ccpos.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
