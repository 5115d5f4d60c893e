// A manager makes a till a self-service kiosk on the settings screen, in Chromium on the
// app preview (startApp on real settings files, restarted as the app relaunches itself):
// the Mode section's kiosk choice, the Customer API address and application id, the
// warning that the enterprise login is deleted, the manager's PIN; the app restarts as a
// kiosk showing its attract screen, and the settings file keeps no enterprise login.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { privateStoreOptions } from '../../electron/config/file-modes.ts';
import { startAppPreview, type AppPreview } from '../../electron/preview/app-preview.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { passwordCiphertextKey } from '../../electron/settings/keys.ts';
import { SettingsService } from '../../electron/settings/settings-service.ts';
import { KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { translate } from '../../shared/i18n/index.ts';
import { translateKiosk } from '../../shared/i18n/kiosk.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { browserTests } from './support/browser.ts';
import { rendererDir } from './support/build.ts';
import { kioskScreenshot } from './support/kiosk-page.ts';
import { signIn } from './support/page.ts';
import { laneLanguages } from './support/words.ts';
import type { Page } from 'playwright-core';

interface SetupLane {
  page: Page;
  preview: AppPreview;
  sandbox: TestSandbox;
  dataDir: string;
  pageErrors: string[];
  close(): Promise<void>;
}

const e2e = browserTests<SetupLane>();

/**
 * A till in this language that a manager once gave an enterprise login and password, on files in a fresh data folder.
 */
async function openTill(language: 'cs' | 'en'): Promise<SetupLane> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-setup-e2e-'));
  const cipher = keyCipher(randomBytes(32));
  const settingsFile = new Conf({
    configName: 'settings',
    cwd: dataDir,
    ...privateStoreOptions,
  }) as KeyValueBackend;
  new SettingsService({ store: settingsFile, cipher }).update({
    login: 'pos-user',
    password: 'Till-Pa55word',
    language,
  });
  const sandbox = await startTestSandbox();
  const preview = await startAppPreview({ rendererDir, dataDir, cipher });
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 1024 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(preview.url);
  await page.locator('[data-screen="signin"]').waitFor();
  return {
    page,
    preview,
    sandbox,
    dataDir,
    pageErrors,
    async close() {
      await context.close();
      await preview.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(laneLanguages)('setting up a kiosk on the settings screen (%s)', (language) => {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);

  it('manager makes it a kiosk: Customer API, warning, PIN; restarts as kiosk without enterprise login', async () => {
    const lane = e2e.track(await openTill(language));
    const { page, preview, sandbox } = lane;
    const settingsText = () => readFileSync(join(lane.dataDir, 'settings.json'), 'utf8');
    expect(preview.terminal.mode).toBe('till');
    expect(settingsText()).toContain('pos-user');
    expect(JSON.parse(settingsText())).toHaveProperty(passwordCiphertextKey);

    await signIn(page, '9999');
    await page.getByTestId('open-settings').click();
    await page.locator('[data-screen="settings"]').waitFor();
    const mode = page.getByRole('radiogroup', { name: t('settings.mode') });
    await mode.getByRole('radio', { name: t('settings.mode.kiosk') }).check();
    const warning = page.getByTestId('kiosk-switch-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toBe(t('settings.kiosk.switchWarning'));
    await page.getByLabel(t('settings.kiosk.customerApiUrl')).fill(sandbox.projectUrl);
    await page.getByLabel(t('settings.kiosk.applicationId')).fill(KIOSK_APPLICATION_ID);
    await page.getByTestId('settings-mode').scrollIntoViewIfNeeded();
    await kioskScreenshot(page, `kiosk-setup-${language}`, true);

    await page.getByTestId('save-settings').click();
    const pin = page.getByTestId('pin-dialog');
    await pin.waitFor();
    expect(await pin.textContent()).toContain(
      translate(language, 'pin.prompt', { action: t('action.makeKiosk') }),
    );
    // A cashier's PIN changes nothing: still a till, the login still on disk.
    await page.getByTestId('manager-pin').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('pin-problem').waitFor();
    expect(preview.restarts).toBe(0);
    expect(preview.terminal.mode).toBe('till');
    expect(settingsText()).toContain('pos-user');
    await page.getByTestId('manager-pin').fill('9999');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('kiosk-restarting').textContent())
      .toBe(t('settings.kiosk.restarting'));

    // The app restarts on the same files: a kiosk now, its window a new page.
    await preview.restarted(1);
    expect(preview.terminal.mode).toBe('kiosk');
    expect(preview.terminal.demo).toBe(false);
    const file = settingsText();
    expect(file).not.toContain('pos-user');
    expect(file).not.toContain('Till-Pa55word');
    const saved = JSON.parse(file) as Record<string, unknown>;
    expect(saved).not.toHaveProperty(passwordCiphertextKey);
    expect(saved).toMatchObject({
      mode: 'kiosk',
      login: '',
      kiosk: { customerApiUrl: sandbox.projectUrl, externalApplicationId: KIOSK_APPLICATION_ID },
    });

    await page.goto(preview.url);
    await page.locator('[data-kiosk-screen="attract"]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      translateKiosk(language, 'kiosk.attract.welcome'),
    );
    await kioskScreenshot(page, `kiosk-setup-attract-${language}`);
  }, 90_000);
});
