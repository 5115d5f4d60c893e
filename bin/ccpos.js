#!/usr/bin/env node
// The support command line runs the main-process services in plain Node.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
