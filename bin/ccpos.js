#!/usr/bin/env node
// The support command line: the main-process services built to JavaScript
// (out/cli/ccpos.js by scripts/build-cli.js). In a source checkout a missing or
// stale build is rebuilt first.
import '../scripts/require-node.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A reader that stops early (`ccpos help | head -1`) closes the pipe: the rest of the
// output has nowhere to go, and the command still finishes (a replay still records what
// it sent) with its own exit code, without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

const builder = new URL('../scripts/build-cli.js', import.meta.url);
if (
  existsSync(fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url))) &&
  existsSync(fileURLToPath(builder))
) {
  const { buildCliIfStale } = await import(builder.href);
  await buildCliIfStale();
}
const { main } = await import(new URL('../out/cli/ccpos.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
