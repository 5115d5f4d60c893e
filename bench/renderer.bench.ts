// The renderer's budget through the real build and the web preview host: the
// initial JavaScript gzipped, and how soon after navigation the lookup screen
// takes keys in headless Chromium (median of several loads).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lookupReadyMark } from '../renderer/src/marks.ts';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { ensureRendererBuilt, rendererDir } from '../test/e2e/support/build.ts';
import { startDemoPreview } from '../test/e2e/support/demo-preview.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const loads = 9;

/** Scripts the page loads before it can run: the entry module and its preloads. */
export function initialScripts(indexHtml: string): string[] {
  const scripts = [...indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...scripts, ...preloads])];
}

function initialJavaScriptKb(): number {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const files = initialScripts(html);
  if (files.length === 0) throw new Error('the built index.html loads no module script');
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererDir, file)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

async function lookupInteractiveMs(): Promise<number[]> {
  const preview = await startDemoPreview();
  const browser = await launchChromium();
  try {
    const outcome = await preview.terminal.session.signIn('1111');
    if (!outcome.ok) throw new Error('the demo cashier could not sign in');
    const samples: number[] = [];
    // One load more than measured: the first warms Chromium's own start-up paths.
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, lookupReadyMark);
      const ready = await page.evaluate((mark) => {
        const focused = document.activeElement?.id === 'customer-search';
        return focused ? performance.getEntriesByName(mark)[0]!.startTime : null;
      }, lookupReadyMark);
      await context.close();
      if (ready === null) throw new Error('the lookup screen came up without focus in its search field');
      if (i > 0) samples.push(ready);
    }
    return samples;
  } finally {
    await browser.close();
    await preview.close();
  }
}

export const rendererSuite: BenchSuite = {
  name: 'renderer',
  async run(): Promise<Figure[]> {
    await ensureRendererBuilt();
    const size = initialJavaScriptKb();
    const samples = await lookupInteractiveMs();
    const median = Math.round(percentile(samples, 50));
    return [
      figure('renderer initial JS (gzip)', size, 'KB', null, 'value <= 120'),
      figure(`lookup screen interactive after navigation (median of ${samples.length})`, median, 'ms', null, 'value < 300'),
      figure('lookup screen interactive, slowest load', Math.round(Math.max(...samples)), 'ms', null, 'value < 1000'),
    ];
  },
};
