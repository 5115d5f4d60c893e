// "Test connection" runs the doctor's checks with what the terminal really uses.
import { describe, expect, it } from 'vitest';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import { openTerminal } from '../ipc/terminal-fixture.ts';

const byId = (report: { checks: { id: string; status: string; detail: string }[] }) => Object.fromEntries(report.checks.map((c) => [c.id, c]));

describe('diagnostics', () => {
  it('names what is missing and skips what depends on it', async () => {
    const fixture = await openTerminal();
    try {
      const report = await fixture.terminal.handlers['diagnostics.run'](undefined, { operator: null, sender: { transport: 'preview', connectionId: 0, origin: '' } });
      expect(report).toMatchObject({ ok: true, value: { ok: false } });
      if (!report.ok) return;
      const checks = byId(report.value);
      expect(checks.configuration).toMatchObject({ status: 'fail', detail: expect.stringContaining('No CareCloud password') });
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
      const report = await fixture.terminal.handlers['diagnostics.run'](undefined, { operator: null, sender: { transport: 'preview', connectionId: 0, origin: '' } });
      if (!report.ok) throw new Error('no report');
      const checks = byId(report.value);
      expect(checks.configuration?.status).toBe('pass');
      expect(checks.reachability).toMatchObject({ status: 'fail', detail: expect.stringContaining('connection refused') });
    } finally {
      await fixture.close();
    }
  });

  it('passes in demo mode against the sandbox with its credentials and store', async () => {
    const fixture = await openTerminal({ startDemo: () => startSandboxBackend({ rateLimit: null }) });
    try {
      const report = await fixture.terminal.handlers['diagnostics.run'](undefined, { operator: null, sender: { transport: 'preview', connectionId: 0, origin: '' } });
      if (!report.ok) throw new Error('no report');
      expect(report.value.checks.map((c) => `${c.id}:${c.status}`)).toEqual(['configuration:pass', 'reachability:pass', 'login:pass', 'time-zone:pass', 'data-folder:pass', 'key-storage:pass', 'crash-dumps:pass', 'store:pass', 'journal:pass']);
      expect(report.value.ok).toBe(true);
    } finally {
      await fixture.close();
    }
  });
});
