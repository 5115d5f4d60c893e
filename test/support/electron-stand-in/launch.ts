// The child's entry: evaluate the built main bundle, then let the app become ready, in
// Electron's order. Argument: the bundle's path.
import { pathToFileURL } from 'node:url';
import { app } from 'electron';

const bundle = process.argv[2];
if (!bundle) {
  console.error('usage: node --import register.ts launch.ts out/main/main.js');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
(app as unknown as { becomeReady(): void }).becomeReady();
