// Debian's Chromium through playwright-core; no browser is ever downloaded.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ensureRendererBuilt } from './build.ts';

export const chromiumPath = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

interface Closable {
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Chromium for one test file, and the lane each test opens: `track` hands it back and
 * closes it after the test, which fails when the page threw.
 */
export function browserTests<L extends Closable>(): { readonly browser: Browser; track(lane: L): L } {
  let browser: Browser | undefined;
  let open: L | null = null;
  beforeAll(async () => {
    await ensureRendererBuilt();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const errors = open?.pageErrors ?? [];
    await open?.close();
    open = null;
    expect(errors).toEqual([]);
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not running yet');
      return browser;
    },
    track(lane) {
      open = lane;
      return lane;
    },
  };
}
