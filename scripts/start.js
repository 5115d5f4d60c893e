#!/usr/bin/env node
// `npm start`: build the app and open it in Electron. Where the Electron binary is not
// installed (it cannot be downloaded on an offline machine) say so in one sentence and
// point at the web preview, before spending a build on a window that cannot open.
// The `electron` package is not required here: requiring it starts a download.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const missingBinarySentence =
  'The Electron binary is not installed here (node_modules/electron/dist is missing), ' +
  'so the terminal cannot open its window: ' +
  'run `npm run preview:web` to use the same terminal in a browser.';

/** The Electron executable `electron .` would run, or null when it is not on disk. */
export function electronBinary(projectRoot, env) {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  if (executable === '') return null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const binary = join(distDir, executable);
  return existsSync(binary) ? binary : null;
}

function npmCommand(env) {
  // Under `npm start` npm names its own entry point; run that one, with this Node.
  if (env.npm_execpath && existsSync(env.npm_execpath) && /\.c?js$/.test(env.npm_execpath)) {
    return { command: process.execPath, args: [env.npm_execpath] };
  }
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: [] };
}

function main() {
  const binary = electronBinary(root, process.env);
  if (binary === null) {
    console.error(missingBinarySentence);
    process.exit(1);
  }
  const npm = npmCommand(process.env);
  const build = spawnSync(npm.command, [...npm.args, 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.error) {
    console.error(`The build could not start: ${build.error.message}`);
    process.exit(1);
  }
  if (build.status !== 0) process.exit(build.status ?? 1);

  const child = spawn(binary, ['.', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    windowsHide: false,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`Electron could not start (${binary}): ${error.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => {
    if (code === null) {
      console.error(`Electron ended on ${signal}.`);
      process.exit(1);
    }
    process.exit(code);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
