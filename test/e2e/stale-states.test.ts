// Every screen follows the sync: a manager's retry while CareCloud is unreachable says
// so (not "done"), the queue's heading, counters, notice and the status bar move together
// as the replay is refused and the resend lands, without a reload; and the status bar
// stops saying "Online" once the terminal's host is gone.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { browserTests } from './support/browser.ts';
import { rendererDir, repositoryRoot } from './support/build.ts';
import { scanWithWedge, screenshot } from './support/page.ts';
import {
  eventually,
  openSale,
  openSaleLane,
  paidOutcome,
  previewSettled,
  signInTo,
  type SaleLane,
} from './support/sale-page.ts';

const cashierPin = '1111';
const managerPin = '9999';
const coffee = '8594005650015';

const e2e = browserTests<SaleLane>();

async function withPin(page: SaleLane['page']): Promise<void> {
  await page.getByTestId('manager-pin').fill(managerPin);
  await page.keyboard.press('Enter');
}

describe('screens that follow the sync', () => {
  it('tells an offline retry apart from done; moves heading, counters, notice and status bar together', async () => {
    const lane = e2e.track(
      await openSaleLane(e2e.browser, {
        settings: { offlinePolicy: { vouchers: 'accept-synced' } },
        viewport: { width: 1920, height: 1080 },
      }),
    );
    const { page, sandbox } = lane;
    await signInTo(page, managerPin);
    await page.keyboard.press('F7');
    await page.getByTestId('sync-offline-vouchers').click();
    await page.getByTestId('offline-vouchers-synced').waitFor();
    // Another till spends the voucher after this terminal synced its offline list: the replay will be refused.
    const found = await sandbox.call<{ data: { vouchers: { voucher_id: string }[] } }>('GET', '/vouchers', {
      query: { code: demo.vouchers.value100 },
    });
    await sandbox.call('POST', `/vouchers/${found.body.data.vouchers[0]!.voucher_id}/actions/apply-voucher`, {
      body: { date_applied: formatCareCloudDateTime(new Date(), 'Europe/Prague') },
    });
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await lane.outage(true);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, demo.vouchers.value100);
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uloženo offline');
    await page.keyboard.press('Enter');

    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    await page.getByTestId('queue-open').first().click();
    await page.getByTestId('entry-request').waitFor();
    await page.getByTestId('entry-retry').click();
    await withPin(page);
    // Nothing was sent: the answer says queued and why, as a warning.
    const retried = page.getByTestId('queue-outcome');
    await eventually(() => retried.textContent()).toContain('CareCloud je nedostupný');
    expect(await retried.getAttribute('data-tone')).toBe('warn');
    expect(await retried.textContent()).not.toContain('Hotovo');
    expect(await page.getByTestId('entry-attempts').locator('li').count()).toBe(0);
    await screenshot(page, 'queue-retry-offline-cs');

    // CareCloud is back: the replay is refused, and this screen shows it without a reload.
    await lane.outage(false);
    await eventually(() => page.getByTestId('entry-state').getAttribute('data-state')).toBe('rejected');
    await eventually(() => retried.getAttribute('data-tone')).toBe('bad');
    await eventually(() => page.getByTestId('count-rejected').textContent()).toBe('1');
    await eventually(() => page.getByTestId('count-pending').textContent()).toBe('0');
    await eventually(() => page.getByTestId('needs-attention').textContent()).toContain('1');

    await page.getByTestId('entry-resend').click();
    await withPin(page);
    // The resend lands: heading, notice, counters and status bar all say so.
    await eventually(() => page.getByTestId('entry-state').getAttribute('data-state')).toBe('synced');
    await eventually(() => retried.textContent()).toContain('Odesláno');
    expect(await retried.getAttribute('data-tone')).toBe('ok');
    await eventually(() => page.getByTestId('count-pending').textContent()).toBe('0');
    await eventually(() => page.getByTestId('count-sending').textContent()).toBe('0');
    await eventually(() => page.getByTestId('count-rejected').textContent()).toBe('0');
    await eventually(() => page.getByTestId('count-synced').textContent()).toBe('1');
    expect(await page.getByTestId('count-voided').textContent()).toBe('1');
    expect(await page.getByTestId('queue-oldest').textContent()).toBe('Nic nečeká.');
    await eventually(() => page.getByTestId('needs-attention').count()).toBe(0);
    expect(await page.locator('footer [data-testid="queue"]').textContent()).toBe('Nic nečeká na odeslání');
    await screenshot(page, 'queue-resend-synced-cs');
  }, 120_000);
});

describe('a host that died', () => {
  let sandbox: TestSandbox;
  let dataDir: string;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    dataDir = mkdtempSync(join(tmpdir(), 'ccpos-e2e-host-died-'));
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is not shown as online', async () => {
    const proc = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repositoryRoot, 'test/e2e/support/host-process.ts'),
        rendererDir,
        dataDir,
        sandbox.projectUrl,
      ],
      { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child = proc;
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      proc.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
    });
    const context = await e2e.browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const page = await context.newPage();
      await page.goto(url);
      await signInTo(page, cashierPin);
      await eventually(() => page.getByTestId('connection').textContent()).toBe('Online');
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
      child = null;
      await eventually(() => page.getByTestId('connection').textContent()).toBe(
        'Bez spojení se službou pokladny',
      );
      expect(await page.getByTestId('connection').getAttribute('class')).toContain('bad');
      expect(await page.locator('footer [data-testid="queue"]').textContent()).toBe('Stav fronty neznámý');
      await screenshot(page, 'status-host-died-cs');
    } finally {
      await context.close();
    }
  }, 60_000);
});
