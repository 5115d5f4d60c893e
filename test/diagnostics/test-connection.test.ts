// "Test connection" runs the doctor's checks with what the terminal really uses.
import { describe, expect, it } from 'vitest';
import { isMessageKey, translate } from '../../shared/i18n/index.ts';
import type { DiagnosticsReport } from '../../shared/ipc/contract.ts';
import { demo } from '../../sandbox/seed.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { startTestSandbox } from '../support/sandbox.ts';
import { managerPin, openTerminal } from '../ipc/terminal-fixture.ts';

const byId = (report: DiagnosticsReport) => Object.fromEntries(report.checks.map((c) => [c.id, c]));
const saidKeys = (report: DiagnosticsReport, id: string) => byId(report)[id]?.said?.map((s) => s.key);
/** What the settings screen shows for a check's finding, in `language`. */
const shown = (report: DiagnosticsReport, id: string, language: 'cs' | 'en') =>
  (byId(report)[id]?.said ?? []).map((s) => translate(language, s.key, s.params)).join(' ');

describe('diagnostics', () => {
  it('names what is missing and skips what depends on it', async () => {
    const fixture = await openTerminal();
    try {
      const report = await fixture.terminal.handlers['diagnostics.run'](undefined, {
        operator: null,
        sender: { transport: 'preview', connectionId: 0, origin: '' },
      });
      expect(report).toMatchObject({ ok: true, value: { ok: false } });
      if (!report.ok) return;
      const checks = byId(report.value);
      expect(checks.configuration).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining('No CareCloud password'),
      });
      expect(saidKeys(report.value, 'configuration')).toEqual(['diag.config.incomplete']);
      expect(saidKeys(report.value, 'login')).toEqual(['diag.needsEarlier']);
      expect(checks.reachability?.status).toBe('skip');
      expect(checks.login?.status).toBe('skip');
      expect(checks.store?.status).toBe('skip');
      expect(checks.journal?.status).toBe('pass');
      expect(checks.devices).toBeUndefined();
    } finally {
      await fixture.close();
    }
  });

  it('reports an unreachable CareCloud as such', async () => {
    const fixture = await openTerminal({ password: 'pw' });
    try {
      const report = await fixture.terminal.handlers['diagnostics.run'](undefined, {
        operator: null,
        sender: { transport: 'preview', connectionId: 0, origin: '' },
      });
      if (!report.ok) throw new Error('no report');
      const checks = byId(report.value);
      expect(checks.configuration?.status).toBe('pass');
      expect(checks.reachability).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining('connection refused'),
      });
      expect(shown(report.value, 'reachability', 'cs')).toBe('CareCloud není dostupný (spojení odmítnuto).');
    } finally {
      await fixture.close();
    }
  });

  it('passes in demo mode against the sandbox with its credentials and store', async () => {
    const fixture = await openTerminal({ startDemo: () => startSandboxBackend({ rateLimit: null }) });
    try {
      const report = await fixture.terminal.handlers['diagnostics.run'](undefined, {
        operator: null,
        sender: { transport: 'preview', connectionId: 0, origin: '' },
      });
      if (!report.ok) throw new Error('no report');
      expect(report.value.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
        'configuration:pass',
        'reachability:pass',
        'login:pass',
        'time-zone:pass',
        'data-folder:pass',
        'key-storage:pass',
        'crash-dumps:pass',
        'store:pass',
        'journal:pass',
      ]);
      expect(report.value.ok).toBe(true);
      // Every finding is a sentence of the catalogue, worded differently in Czech than in English.
      for (const check of report.value.checks) {
        expect(check.said?.length, check.id).toBeGreaterThan(0);
        for (const said of check.said ?? []) expect(isMessageKey(said.key), said.key).toBe(true);
        expect(isMessageKey(`diag.title.${check.id}`), check.id).toBe(true);
        // The store's finding is its name and code as CareCloud gives them.
        if (check.id !== 'store')
          expect(shown(report.value, check.id, 'cs'), check.id).not.toBe(shown(report.value, check.id, 'en'));
      }
      expect(shown(report.value, 'journal', 'cs')).toBe('0 záznamů čeká na odeslání.');
    } finally {
      await fixture.close();
    }
  });

  it('words CareCloud\u2019s refusal of the login in the language of the screen that asked', async () => {
    const sandbox = await startTestSandbox();
    const fixture = await openTerminal({
      settings: {
        projectUrl: sandbox.projectUrl,
        externalApplicationId: 'no-such-application',
        login: demo.credentials.login,
        storeId: demo.stores.praha,
        language: 'cs',
      },
      password: demo.credentials.password,
    });
    try {
      const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
      const dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
      expect(await dispatch('operator.signIn', { pin: managerPin }, sender)).toMatchObject({ ok: true });
      const run = async (): Promise<DiagnosticsReport> => {
        const answer = await dispatch('diagnostics.run', undefined, sender);
        if (!answer.ok) throw new Error('no report');
        return answer.value as DiagnosticsReport;
      };
      const czech = await run();
      expect(byId(czech).login?.said).toEqual([
        { key: 'diag.fail.login', params: { detail: 'Externí aplikace neexistuje.' } },
      ]);
      expect(shown(czech, 'login', 'cs')).toBe('CareCloud odmítl přihlášení: Externí aplikace neexistuje.');
      await dispatch('session.language', { language: 'en' }, sender);
      const english = await run();
      expect(shown(english, 'login', 'en')).toBe(
        'CareCloud refused the login: The external application does not exist.',
      );
    } finally {
      await fixture.close();
      await sandbox.close();
    }
  });
});
