#!/usr/bin/env node
// Process boundaries: electron/ is the main process, renderer/ the browser,
// shared/ runs anywhere, sandbox/ is a CareCloud stand-in. Imports must not
// cross them the wrong way; this fails `npm test` when one does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const rules = {
  shared: { folders: ['shared'], node: false, electron: false },
  renderer: { folders: ['renderer', 'shared'], node: false, electron: false },
  sandbox: { folders: ['sandbox', 'shared', 'resources'], node: true, electron: false },
  electron: { folders: ['electron', 'shared', 'sandbox', 'resources'], node: true, electron: true },
};

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|js|svelte)$/.test(name)) yield path;
  }
}

// Services never import the IPC layer: they throw the domain's errors (electron/domain/)
// and only electron/ipc/ turns them into answers. The composition roots and transports
// that wire handlers to services are the exceptions.
const ipcLayer = 'electron/ipc/';
const mayImportIpc = ['electron/ipc/', 'electron/app/terminal.ts', 'electron/app/kiosk-terminal.ts', 'electron/main.ts', 'electron/preload.ts', 'electron/preview/'];

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const problems = [];
for (const [area, rule] of Object.entries(rules)) {
  let files;
  try {
    files = [...sourceFiles(join(root, area))];
  } catch {
    continue;
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1] ?? match[2] ?? match[3];
      const where = relative(root, file);
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec)).split('/')[0];
        if (!rule.folders.includes(target)) problems.push(`${where}: ${area}/ may not import from ${target}/ (${spec})`);
        const targetPath = relative(root, resolve(dirname(file), spec));
        if (area === 'electron' && `${targetPath}/`.startsWith(ipcLayer) && !mayImportIpc.some((allowed) => where === allowed || where.startsWith(allowed))) {
          problems.push(`${where}: a service may not import the IPC layer (${spec}); throw an error of electron/domain/errors.ts instead`);
        }
      } else if (nodeBuiltins.has(spec) && !rule.node) {
        problems.push(`${where}: ${area}/ may not use the Node module ${spec}`);
      } else if ((spec === 'electron' || spec.startsWith('electron/')) && !rule.electron) {
        problems.push(`${where}: ${area}/ may not import electron`);
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`Process boundary check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('process boundaries hold');
