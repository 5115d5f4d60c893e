// Found by the chaos run (manager scenario): a manager voided a waiting sale whose send had
// reached CareCloud but whose answer was lost, so the queue said "given up" while CareCloud
// had booked it. A pending entry with a send of unclear outcome is retried first, not voided.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionError } from '../../electron/carecloud/response.ts';
import { SendUncertainError } from '../../electron/journal/errors.ts';
import { mayHaveLanded } from '../../electron/journal/send-certainty.ts';
import { QueueActions } from '../../electron/sync/queue-manager.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { droppingProxy, type DroppingProxy } from '../support/dropping-proxy.ts';
import { runCcpos, sandboxCliEnv } from '../support/ccpos.ts';
import { sale, sandboxTerminal, terminal, type SandboxTerminal } from './sandbox-terminal.ts';

let sandbox: TestSandbox;
let proxy: DroppingProxy;
let t: SandboxTerminal;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  proxy = await droppingProxy(sandbox.projectUrl);
});
afterAll(async () => {
  await proxy.close();
  await sandbox.close();
});
beforeEach(async () => {
  await t?.close();
  sandbox.control.reset();
  await sandbox.control.restoreNetwork();
  proxy.faults.drop = 0;
  t = sandboxTerminal(proxy.url, sandbox);
});
afterAll(() => t?.close());

const booked = () => sandbox.control.purchases().filter((b) => b.statuses.includes(201));

describe('voiding a waiting sale', () => {
  it('is refused while a send of it may have reached CareCloud, and the retry then finds it there', async () => {
    // Logged in first: only the sale's answer is lost.
    expect((await t.engine.close(sale())).outcome).toBe('synced');
    sandbox.control.reset();
    proxy.faults.drop = 1;
    const closed = await t.engine.close(sale());
    proxy.faults.drop = 0;
    expect(closed.outcome).toBe('queued');
    expect(booked().map((b) => b.bill_id)).toEqual([closed.entry.billId]);

    const queue = new QueueActions({ journal: t.journal, terminal });
    expect(() => queue.void(closed.entry.id, 'looks stuck', 'manager-anna')).toThrow(SendUncertainError);
    expect(() => queue.void(closed.entry.id, 'looks stuck', 'manager-anna')).toThrow(
      /may already be in CareCloud.*Retry it first/,
    );
    expect(t.journal.get(closed.entry.id)).toMatchObject({ state: 'pending' });
    expect(t.journal.audit(closed.entry.id)).toEqual([]);

    // Through `ccpos queue void`, the same sentence and nothing changed.
    const cli = await runCcpos(
      sandboxCliEnv(sandbox, t.dir),
      'queue',
      'void',
      String(closed.entry.id),
      '--reason',
      'looks stuck',
      '--by',
      'manager-anna',
    );
    expect(cli.code).toBe(1);
    expect(cli.err[0]).toMatch(/may already be in CareCloud/);

    queue.retry(closed.entry.id, 'manager-anna');
    await t.engine.drain();
    expect(t.journal.get(closed.entry.id)).toMatchObject({ state: 'synced' });
    expect(booked()).toHaveLength(1);
  }, 30_000);

  it('still gives up a sale whose send was refused before any connection', async () => {
    const direct = sandboxTerminal(sandbox.projectUrl, sandbox);
    try {
      await sandbox.control.cutNetwork('refuse');
      const closed = await direct.engine.close(sale());
      await sandbox.control.restoreNetwork();
      expect(closed.outcome).toBe('queued');
      expect(direct.journal.attempts(closed.entry.id).map((a) => [a.outcome, a.error])).toEqual([
        ['transport', expect.stringContaining('(connection refused)')],
      ]);
      expect(
        new QueueActions({ journal: direct.journal, terminal }).void(
          closed.entry.id,
          'entered twice',
          'manager-anna',
        ),
      ).toMatchObject({ state: 'voided' });
      await direct.engine.drain();
      expect(booked()).toEqual([]);
    } finally {
      await direct.close();
    }
  }, 30_000);

  it('gives up a sale whose send failed at the login before it', async () => {
    // The proxy cuts every answer: the login's is lost, so the sale was never sent.
    proxy.faults.drop = 1;
    const closed = await t.engine.close(sale());
    proxy.faults.drop = 0;
    expect(closed.outcome).toBe('queued');
    expect(t.journal.attempts(closed.entry.id)[0]?.error).toMatch(/on POST \/users\/actions\/login$/);
    expect(booked()).toEqual([]);
    expect(
      new QueueActions({ journal: t.journal, terminal }).void(
        closed.entry.id,
        'entered twice',
        'manager-anna',
      ),
    ).toMatchObject({ state: 'voided' });
  }, 30_000);
});

describe('which sends may have landed', () => {
  const path = '/purchases/actions/send-purchase';
  const request = { method: 'POST', path, correlationId: 'c1', attempt: 1 };
  const mayHave = (attempt: Parameters<typeof mayHaveLanded>[0]) => mayHaveLanded(attempt, path);
  it('rules out only CareCloud turning the request away, connections never made and failures before the send', () => {
    const transport = (kind: Parameters<typeof connectionError>[0]) => ({
      outcome: 'transport' as const,
      error: connectionError(kind, request, null, 4_000).message,
    });
    expect(mayHave(transport('refused'))).toBe(false);
    expect(mayHave(transport('dns'))).toBe(false);
    expect(mayHave({ outcome: 'rate-limited', error: 'HTTP 429' })).toBe(false);
    expect(mayHave({ outcome: 'auth', error: 'HTTP 401' })).toBe(false);
    expect(mayHave(transport('reset'))).toBe(true);
    expect(mayHave(transport('network'))).toBe(true);
    expect(mayHave({ outcome: 'timeout', error: 'no answer' })).toBe(true);
    expect(mayHave({ outcome: 'server', error: 'HTTP 503' })).toBe(true);
    expect(mayHave({ outcome: 'unexpected', error: 'HTML' })).toBe(true);
    expect(
      mayHave({ outcome: 'abandoned', error: 'the sending process ended before recording an answer' }),
    ).toBe(true);
    expect(mayHave({ outcome: null, error: null })).toBe(true);
    expect(
      mayHave({
        outcome: 'transport',
        error: connectionError('reset', { ...request, path: '/users/actions/login' }, null).message,
      }),
    ).toBe(false);
  });
});
