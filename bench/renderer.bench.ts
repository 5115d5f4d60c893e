// The renderer's budget through the real build and the web preview host: the
// JavaScript the first screen needs, gzipped, and how soon after navigation the lookup screen
// takes keys in headless Chromium (median of several loads).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lookupReadyMark } from '../renderer/src/marks.ts';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { ensureRendererBuilt, rendererDir } from '../test/e2e/support/build.ts';
import { startDemoPreview } from '../electron/preview/demo-preview.ts';
import type { Browser } from 'playwright-core';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const loads = 15;

/** Scripts the page loads before it can run: every script tag and module preload. */
export function initialScripts(indexHtml: string): string[] {
  const scripts = [...indexHtml.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return [...new Set([...scripts, ...preloads])];
}

/**
 * The chunks a script imports statically (`import … from "./x.js"`, `import "./x.js"`,
 * `export … from "./x.js"`): the first screen cannot run without them. A dynamic
 * `import("./x.js")` (the manager's dashboard) loads only when its screen opens.
 */
export function importedChunks(script: string): string[] {
  return [
    ...new Set(
      [...script.matchAll(/\b(?:import|export)\s*(?:[^'"`();]*?\bfrom\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g)].map(
        (m) => m[1]!,
      ),
    ),
  ];
}

/** The chunks a script loads on demand (`import("./x.js")`). */
export function lazyChunks(script: string): string[] {
  return [
    ...new Set([...script.matchAll(/\bimport\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g)].map((m) => m[1]!)),
  ];
}

/** Every script file the first screen runs, relative to the built renderer. */
export function firstScreenScripts(): string[] {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const pending = initialScripts(html).map((file) => join(rendererDir, file));
  if (pending.length === 0) throw new Error('the built index.html loads no module script');
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const chunk of importedChunks(readFileSync(file, 'utf8'))) pending.push(join(dirname(file), chunk));
  }
  return [...seen];
}

export function initialJavaScriptKb(): number {
  const bytes = firstScreenScripts().reduce(
    (sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length,
    0,
  );
  return Math.round((bytes / 1024) * 10) / 10;
}

interface Samples {
  lookup: number[];
  /** The same browser loading a page with no script from a bare local server: the machine's floor. */
  blank: number[];
}

async function timeLoad(
  browser: Browser,
  url: string,
  settled: (page: import('playwright-core').Page) => Promise<number | null>,
): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const at = await settled(page);
    if (at === null) throw new Error(`${url} did not come up as expected`);
    return at;
  } finally {
    await context.close();
  }
}

async function lookupInteractiveMs(): Promise<Samples> {
  const preview = await startDemoPreview({ rendererDir });
  const blankServer = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end('<!doctype html><html lang="en"><title>blank</title><p>ready</p></html>');
  });
  await new Promise<void>((resolve) => blankServer.listen(0, '127.0.0.1', resolve));
  const blankUrl = `http://127.0.0.1:${(blankServer.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    const outcome = await preview.terminal.session.signIn('1111');
    if (!outcome.ok) throw new Error('the demo cashier could not sign in');
    const samples: Samples = { lookup: [], blank: [] };
    // Loads alternate so both see the same machine; the first pair only warms Chromium up.
    for (let i = 0; i <= loads; i++) {
      const blank = await timeLoad(browser, blankUrl, (page) =>
        page.evaluate(
          () =>
            (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
              .domContentLoadedEventEnd,
        ),
      );
      const lookup = await timeLoad(browser, preview.url, async (page) => {
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, lookupReadyMark);
        return page.evaluate((mark) => {
          const focused = document.activeElement?.id === 'customer-search';
          return focused ? performance.getEntriesByName(mark)[0]!.startTime : null;
        }, lookupReadyMark);
      });
      if (i === 0) continue;
      samples.blank.push(blank);
      samples.lookup.push(lookup);
    }
    return samples;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => blankServer.close(() => resolve()));
    await preview.close();
  }
}

export const rendererSuite: BenchSuite = {
  name: 'renderer',
  async run(): Promise<Figure[]> {
    await ensureRendererBuilt();
    const size = initialJavaScriptKb();
    const { lookup, blank } = await lookupInteractiveMs();
    const blankMedian = Math.round(percentile(blank, 50));
    return [
      figure('renderer initial JS (gzip)', size, 'KB', null, 'value <= 120'),
      figure(
        `lookup screen interactive after navigation (median of ${lookup.length})`,
        Math.round(percentile(lookup, 50)),
        'ms',
        blankMedian,
        'value < 300',
      ),
      figure(
        'lookup screen interactive, slowest load',
        Math.round(Math.max(...lookup)),
        'ms',
        blankMedian,
        'value < 1000',
      ),
    ];
  },
};
