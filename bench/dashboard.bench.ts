// The manager's dashboard on a 100,000-entry journal, through the real build and the web
// preview host: from the dashboard opening (the manager's sign-in lands on it) to its numbers
// painted (the marks the screen sets), median of 10 fresh pages, so each loads the dashboard's
// chunk anew; and the figures' read in main alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardOpenMark, dashboardPaintedMark } from '../renderer/src/marks.ts';
import { journalFile } from '../electron/sync/journal-file.ts';
import { startDemoPreview } from '../electron/preview/demo-preview.ts';
import { fillJournal } from '../test/support/big-journal.ts';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { ensureRendererBuilt, rendererDir } from '../test/e2e/support/build.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const journalEntries = 100_000;
const loads = 10;
const day = 86_400_000;

export const dashboardSuite: BenchSuite = {
  name: 'dashboard',
  async run(): Promise<Figure[]> {
    await ensureRendererBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-bench-dashboard-'));
    try {
      const now = Date.now();
      // Two weeks of a busy till (about 7,000 sales a day), the last 3,000 unsent after an outage.
      const built = performance.now();
      fillJournal(journalFile(dataDir), {
        entries: journalEntries,
        from: now - 14 * day,
        to: now - 60_000,
        pending: 3_000,
        rejected: 5,
      });
      const buildMs = performance.now() - built;
      const preview = await startDemoPreview({ rendererDir, dataDir });
      const browser = await launchChromium();
      try {
        // Offline, so the backlog stays as built while the screens are measured.
        const { terminal } = preview;
        await terminal.demoBackend!.setOutage(true);
        while (terminal.sync.online) await terminal.sync.probe();

        const paint: number[] = [];
        for (let i = 0; i <= loads; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
          try {
            const page = await context.newPage();
            await page.goto(preview.url);
            await page.locator('#pin').waitFor();
            await page.locator('#pin').fill('9999');
            await page.keyboard.press('Enter');
            await page.waitForFunction(
              (mark) => performance.getEntriesByName(mark).length > 0,
              dashboardPaintedMark,
              { timeout: 30_000 },
            );
            const shown = await page.getByTestId('sales-count').textContent();
            if (!shown || shown.trim() === '0')
              throw new Error('the dashboard painted no sales from the journal');
            const ms = await page.evaluate(
              ([open, painted]) =>
                performance.getEntriesByName(painted!)[0]!.startTime -
                performance.getEntriesByName(open!)[0]!.startTime,
              [dashboardOpenMark, dashboardPaintedMark],
            );
            if (i > 0) paint.push(ms); // the first load only warms Chromium up
          } finally {
            await context.close();
          }
        }

        // The same figures read in main alone, through the channel's own handler.
        const context = {
          operator: { id: 'manager', name: 'Manager', role: 'manager' as const },
          sender: { transport: 'preview' as const, connectionId: 0, origin: preview.url },
        };
        const reads: number[] = [];
        for (let i = 0; i <= loads; i++) {
          const started = performance.now();
          const answer = await terminal.handlers['dashboard.figures'](undefined, context);
          if (!answer.ok) throw new Error('the dashboard channel failed');
          if (i > 0) reads.push(performance.now() - started);
        }
        return [
          figure(
            `dashboard: open to numbers painted, ` +
              `${journalEntries.toLocaleString('en')}-entry journal (median of ${paint.length})`,
            Math.round(percentile(paint, 50)),
            'ms',
            null,
            'value <= 300',
          ),
          figure(
            'dashboard: open to numbers painted, slowest load',
            Math.round(Math.max(...paint)),
            'ms',
            null,
            'value < 1000',
          ),
          figure(
            `dashboard: figures read in main, ${journalEntries.toLocaleString('en')}-entry ` +
              `journal (median of ${reads.length})`,
            Math.round(percentile(reads, 50) * 10) / 10,
            'ms',
            null,
            'value <= 100',
          ),
          figure(
            `dashboard bench: ${journalEntries.toLocaleString('en')}-entry journal built in one transaction`,
            Math.round(buildMs),
            'ms',
            null,
            'value < 60000',
          ),
        ];
      } finally {
        await browser.close();
        await preview.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
