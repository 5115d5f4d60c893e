// `npm run preview:web [-- --port N]`: the screens in any browser on this machine,
// against a demo terminal. Prints the URL (with its token) and runs until Ctrl+C.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoOperators } from '../operators/demo-operators.ts';
import { startDemoPreview, startKioskDemoPreview } from './demo-preview.ts';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, kiosk: { type: 'boolean' } } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a port number, not "${values.port}"`);
  if (!existsSync(rendererDir))
    throw new Error('No built renderer in out/renderer: run `vite build --mode renderer` first');
  const preview = values.kiosk
    ? await startKioskDemoPreview({ rendererDir, port })
    : await startDemoPreview({ rendererDir, port });
  console.log(
    values.kiosk
      ? `ccpos web preview (demo kiosk): ${preview.url}`
      : `ccpos web preview (demo mode): ${preview.url}`,
  );
  console.log(`Demo PINs: ${demoOperators.map((o) => `${o.role} ${o.pin}`).join(', ')}`);
  const stop = (): void => {
    void preview.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The preview could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
