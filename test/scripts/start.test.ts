// `npm start` runs scripts/start.js: a copy of it runs here in a scratch project whose
// `electron` package and build script are stand-ins that leave marks on disk.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const launcher = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));
const projects: string[] = [];

function scratchProject(build = "require('fs').writeFileSync('built', '')"): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccpos-start-'));
  projects.push(dir);
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(launcher, join(dir, 'scripts', 'start.js'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      type: 'module',
      scripts: { build: `node -e "${build}"` },
    }),
  );
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(
    join(electron, 'package.json'),
    JSON.stringify({ name: 'electron', version: '0.0.0', main: 'index.js' }),
  );
  // Electron's own entry point downloads the binary when it is missing: requiring it is a mistake.
  writeFileSync(
    join(electron, 'index.js'),
    "require('fs').writeFileSync(require('path').join(__dirname, 'required'), '');",
  );
  return dir;
}

function installBinary(dir: string, exitCode = 0): void {
  const electron = join(dir, 'node_modules', 'electron');
  writeFileSync(join(electron, 'path.txt'), 'electron');
  mkdirSync(join(electron, 'dist'));
  const binary = join(electron, 'dist', 'electron');
  writeFileSync(binary, `#!/bin/sh\necho "$@" > "${join(dir, 'launched')}"\nexit ${exitCode}\n`);
  chmodSync(binary, 0o755);
}

function start(dir: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  return spawnSync(process.execPath, [join(dir, 'scripts', 'start.js'), ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('without the Electron binary fetched, says so in one sentence naming the web preview, without building', () => {
    const dir = scratchProject();
    const run = start(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Electron binary is not installed');
    expect(lines[0]).toContain('`npm run preview:web`');
    expect(run.stderr).not.toMatch(/install-electron|ELECTRON_SKIP_BINARY_DOWNLOAD|Downloading/);
    expect(existsSync(join(dir, 'built'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'electron', 'required'))).toBe(false);
  });

  it('says the same when path.txt names a binary that is not in dist', () => {
    const dir = scratchProject();
    writeFileSync(join(dir, 'node_modules', 'electron', 'path.txt'), 'electron');
    const run = start(dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('`npm run preview:web`');
    expect(existsSync(join(dir, 'built'))).toBe(false);
  });

  it('without any electron package at all, says the same', () => {
    const dir = scratchProject();
    rmSync(join(dir, 'node_modules'), { recursive: true });
    const run = start(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('`npm run preview:web`');
    expect(existsSync(join(dir, 'built'))).toBe(false);
  });

  it('with the binary, builds and then opens the app in it, and ends with its exit code', () => {
    const dir = scratchProject();
    installBinary(dir, 3);
    const run = start(dir, '--verbose');
    expect(run.status).toBe(3);
    expect(existsSync(join(dir, 'built'))).toBe(true);
    expect(readFileSync(join(dir, 'launched'), 'utf8').trim()).toBe('. --verbose');
    expect(existsSync(join(dir, 'node_modules', 'electron', 'required'))).toBe(false);
  });

  it('does not open the app when the build fails', () => {
    const dir = scratchProject('process.exit(2)');
    installBinary(dir);
    const run = start(dir);
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'launched'))).toBe(false);
  });
});
