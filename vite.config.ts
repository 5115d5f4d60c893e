// One configuration, three builds: `vite build --mode renderer|main|preload`.
import './scripts/require-node.js';
import { cpSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import pkg from './package.json' with { type: 'json' };

const nodeExternals = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...Object.keys(pkg.dependencies),
];

// The embedded sandbox (demo mode) reads the trimmed contract at ../resources from the bundle.
const copyContractBesideBundle = {
  name: 'copy-carecloud-contract',
  writeBundle() {
    cpSync('resources/carecloud', 'out/resources/carecloud', { recursive: true });
  },
};

function mainProcess(entry: string, outDir: string, format: 'es' | 'cjs'): UserConfig {
  return {
    plugins: format === 'es' ? [copyContractBesideBundle] : [],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node22',
      ssr: true,
      sourcemap: true,
      rollupOptions: {
        input: entry,
        external: (id) => nodeExternals.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { format, entryFileNames: format === 'cjs' ? '[name].cjs' : '[name].js' },
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') return mainProcess('electron/main.ts', 'out/main', 'es');
  // Sandboxed preloads cannot be ES modules.
  if (mode === 'preload') return mainProcess('electron/preload.ts', 'out/preload', 'cjs');
  return {
    root: 'renderer',
    base: './',
    // The root is renderer/, so name the project's Svelte config explicitly.
    plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
    build: { outDir: '../out/renderer', emptyOutDir: true, target: 'chrome130' },
  };
});
