// The wedge detector in Debian's Chromium with trusted key events: a scan never lands in the
// focused field, and a person's typing always does. Margins are wide (250 ms threshold, 600 ms
// typing) so a busy machine cannot turn one into the other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/browser.ts';

const root = join(import.meta.dirname, '..', '..');
const origin = 'http://wedge.test';

const page_html = `<!doctype html><meta charset="utf-8"><input id="field"><button id="button">ok</button>
<script type="module">
  import { attachWedgeDetector, focusedElementTarget } from '/renderer/src/input/attach.ts';
  window.scans = [];
  window.screenKeys = [];
  window.addEventListener('keydown', (e) => window.screenKeys.push(e.key));
  const settings = {
    enabled: true, maxKeyGapMs: 250, minLength: 4, maxLength: 512, suffixes: ['Enter', 'Tab'], scannerLayout: 'us',
  };
  attachWedgeDetector(window, settings, (text) => window.scans.push(text), focusedElementTarget(document));
  window.ready = true;
</script>`;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.route(`${origin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: page_html });
    if (!/^\/(renderer\/src\/input|shared\/input)\/[\w-]+\.ts$/.test(path))
      return route.fulfill({ status: 404, body: 'not served' });
    const source = readFileSync(join(root, path), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        verbatimModuleSyntax: true,
      },
    });
    return route.fulfill({ contentType: 'text/javascript', body: outputText });
  });
});

afterAll(async () => {
  await browser?.close();
});

async function fresh(): Promise<void> {
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  await page.focus('#field');
}

const state = () =>
  page.evaluate(() => {
    const w = window as unknown as { scans: string[]; screenKeys: string[] };
    return {
      scans: w.scans,
      field: (document.getElementById('field') as HTMLInputElement).value,
      screenKeys: w.screenKeys,
    };
  });

describe('keyboard-wedge detection in Chromium', () => {
  it('takes a fast burst ending in Enter as a scan that never reaches the field or the screen', async () => {
    await fresh();
    await page.keyboard.type('8594000000006');
    await page.keyboard.press('Enter');
    expect(await state()).toEqual({ scans: ['8594000000006'], field: '', screenKeys: [] });
  });

  it('gives typing back to the field in order, and the screen sees a plain Enter', async () => {
    await fresh();
    await page.keyboard.type('Novak', { delay: 600 });
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');
    const { scans, field, screenKeys } = await state();
    expect(scans).toEqual([]);
    expect(field).toBe('Novak');
    expect(screenKeys.at(-1)).toBe('Enter');
  });

  it('types into the field after a scan, and scans again after typing', async () => {
    await fresh();
    await page.keyboard.type('10000105');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ab', { delay: 600 });
    await page.waitForTimeout(600);
    await page.keyboard.type('95012346');
    await page.keyboard.press('Enter');
    expect(await state()).toMatchObject({ scans: ['10000105', '95012346'], field: 'ab' });
  });
});
