import type { BenchSuite } from './harness.ts';
import { journalSuite } from './journal.bench.ts';
import { inputSuite } from './input.bench.ts';

// Every benchmark suite `npm run bench` runs, in order.
export const suites: BenchSuite[] = [
  journalSuite,
  inputSuite,
];
