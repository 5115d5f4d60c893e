import type { BenchSuite } from './harness.ts';

// Every benchmark suite `npm run bench` runs, in order.
export const suites: BenchSuite[] = [];
