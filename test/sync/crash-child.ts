// A till that closes sales as fast as it can until it is killed: started by the
// crash test (bundled once, so hundreds of starts stay cheap). Prints `ready` after its first sale and
// `closed <bill_id>` each time a sale is reported closed to the cashier.
import { sale, sandboxTerminal } from './sandbox-terminal.ts';

const [dataDir, projectUrl, credentials] = process.argv.slice(2);
if (!dataDir || !projectUrl || !credentials)
  throw new Error('usage: crash-child <dataDir> <projectUrl> <credentials-json>');
const terminal = sandboxTerminal(
  projectUrl,
  {
    credentials: JSON.parse(credentials) as {
      user_external_application_id: string;
      login: string;
      password: string;
    },
  },
  {
    sendTimeoutMs: 3_000,
    breakerThreshold: 3,
    probeBackoff: { baseMs: 5, maxMs: 50 },
    entryBackoff: { baseMs: 5, maxMs: 50 },
    ratePerSecond: 1_000,
    concurrency: 2,
  },
  dataDir,
);
terminal.engine.start();
for (let i = 0; i < 500; i++) {
  const result = await terminal.engine.close(sale({ customer: 1 + (i % 2) }));
  process.stdout.write(`closed ${result.entry.billId} ${result.outcome}\n`);
  // From here on the till is logged in and selling: most kills are timed from this line.
  if (i === 0) process.stdout.write('ready\n');
}
await terminal.close();
