// `ccpos` as its own process, for tests that act on the process itself (kill it, lower its
// file-size limit). Bundled once by the test; the same main() the bin runs.
import { main } from '../../electron/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
