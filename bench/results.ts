// bench/results.json holds one section per producer: `figures` from `npm run bench`, `chaos`
// from `npm run chaos`. Each writes its own section and keeps the others.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));

function readSections(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    // Before sections, the file was the benchmark's list of figures.
    if (Array.isArray(data)) return { figures: data };
    if (typeof data === 'object' && data !== null) return data as Record<string, unknown>;
  } catch {
    // A damaged file is replaced: it holds only results a new run can measure again.
  }
  return {};
}

export function writeResultsSection(name: string, value: unknown, file: string = resultsFile): void {
  const sections = { ...readSections(file), [name]: value };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(sections, null, 2)}\n`);
  renameSync(temporary, file);
}
