// The sale host as a process of its own, for the crash test: prints its URL as one
// JSON line and runs until killed. Arguments: renderer dir, data dir, project URL.
import { startSaleHost } from './sale-host.ts';

const [rendererDir, dataDir, projectUrl] = process.argv.slice(2);
if (!rendererDir || !dataDir || !projectUrl) {
  console.error('usage: host-process RENDERER_DIR DATA_DIR PROJECT_URL');
  process.exit(2);
}
const host = await startSaleHost({ rendererDir, dataDir, projectUrl });
process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
process.on('SIGTERM', () => void host.close().then(() => process.exit(0)));
