// The terminal keeps one CareCloud client across settings changes: a language switch costs
// no login and keeps the caches; new credentials or another project log the old session out
// and log in once with the new. Against the sandbox, through the app's own wiring.
import { afterEach, describe, expect, it } from 'vitest';
import { storeIds } from '../../sandbox/seed.ts';
import type { ReceivedRequest } from '../../sandbox/received.ts';
import { InvalidRequestError } from '../../electron/carecloud/errors.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const part of opened.splice(0).reverse()) await part.close();
});

async function sandboxed(options: Parameters<typeof startTestSandbox>[0] = {}): Promise<TestSandbox> {
  const sandbox = await startTestSandbox(options);
  opened.push(sandbox);
  return sandbox;
}

async function terminalOn(sandbox: TestSandbox, language: 'cs' | 'en' = 'cs'): Promise<Fixture> {
  const fixture = await openTerminal({
    settings: {
      projectUrl: sandbox.projectUrl,
      externalApplicationId: sandbox.credentials.user_external_application_id,
      login: sandbox.credentials.login,
      storeId: storeIds.praha,
      language,
    },
    password: sandbox.credentials.password,
  });
  opened.push(fixture);
  return fixture;
}

const logins = (sandbox: TestSandbox): ReceivedRequest[] =>
  sandbox.control.requests().filter((r) => r.operation_id === 'postUserLogin');
const logouts = (sandbox: TestSandbox): ReceivedRequest[] =>
  sandbox.control.requests().filter((r) => r.operation_id === 'postUserLogout');
const asked = (sandbox: TestSandbox, path: string): ReceivedRequest[] =>
  sandbox.control.requests().filter((r) => r.path.split('?')[0]?.endsWith(path));

async function eventually(check: () => void, waitMs = 10_000): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('one CareCloud client across settings changes', () => {
  it('switches language without a login, asks next in the new language and keeps the lists read before', async () => {
    const sandbox = await sandboxed();
    const { terminal } = await terminalOn(sandbox);
    const client = terminal.careCloud();
    const czechStores = await client.reference.stores();
    expect(czechStores.source).toBe('carecloud');
    expect(logins(sandbox)).toHaveLength(1);
    const storesAskedInCzech = asked(sandbox, '/stores').length;
    expect(asked(sandbox, '/stores').at(-1)?.accept_language).toMatch(/^cs\b/);

    terminal.settings.update({ language: 'en' });
    expect(terminal.careCloud()).toBe(client);
    await client.reference.stores();
    const englishStores = asked(sandbox, '/stores').slice(storesAskedInCzech);
    expect(englishStores.length).toBeGreaterThan(0);
    expect(englishStores.every((r) => r.accept_language?.startsWith('en'))).toBe(true);

    // Back to Czech: the list read in Czech before the switches is still in memory.
    terminal.settings.update({ language: 'cs' });
    const afterSwitches = asked(sandbox, '/stores').length;
    expect(await client.reference.stores()).toBe(czechStores);
    expect(asked(sandbox, '/stores')).toHaveLength(afterSwitches);
    expect(logins(sandbox)).toHaveLength(1);
    expect(logouts(sandbox)).toHaveLength(0);
  }, 60_000);

  it('lets a request under way finish in the language it began in while the next one asks in the new one', async () => {
    const sandbox = await sandboxed();
    const { terminal } = await terminalOn(sandbox);
    const client = terminal.careCloud();
    await client.reference.stores();
    sandbox.control.setLatency(200);

    // Lists the terminal does not read by itself, so every request for them here is the test's.
    const underWay = client.reference.cardTypes();
    terminal.settings.update({ language: 'en', requestTimeoutMs: 5_000 });
    const next = client.reference.customerSources();
    const [cardTypes, sources] = await Promise.all([underWay, next]);

    expect(cardTypes.source).toBe('carecloud');
    expect(cardTypes.items.length).toBeGreaterThan(0);
    expect(sources.source).toBe('carecloud');
    expect(asked(sandbox, '/card-types').map((r) => [r.status, r.accept_language?.slice(0, 2)])).toEqual([
      [200, 'cs'],
    ]);
    expect(
      asked(sandbox, '/customer-sources').map((r) => [r.status, r.accept_language?.slice(0, 2)]),
    ).toEqual([[200, 'en']]);
    expect(client.pipeline.settings.timeouts.lookupMs).toBe(5_000);
    expect(logins(sandbox)).toHaveLength(1);
  }, 60_000);

  it('logs the old session out when the credentials change and logs in once with the new ones', async () => {
    const sandbox = await sandboxed();
    const { terminal } = await terminalOn(sandbox);
    const client = terminal.careCloud();
    await client.reference.stores();
    expect(logins(sandbox)).toHaveLength(1);

    terminal.settings.update({ password: 'not-the-password' });
    await eventually(() => expect(logouts(sandbox).map((r) => r.status)).toEqual([204]));
    // The old token is gone at CareCloud too: logged out, not merely forgotten.
    const refused = await client.reference.countries({ fresh: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidRequestError);
    const afterWrong = logins(sandbox);
    // The terminal's own background calls may try the wrong password too; none of them gets in.
    const wrong = afterWrong.slice(1).map((r) => r.status);
    expect(wrong.length).toBeGreaterThan(0);
    expect(new Set(wrong)).toEqual(new Set([400]));

    terminal.settings.update({ password: sandbox.credentials.password });
    // Nothing was logged in with the wrong password, so there is nothing to log out.
    expect(logouts(sandbox)).toHaveLength(1);
    await client.reference.countries({ fresh: true });
    await client.reference.currencies({ fresh: true });
    expect(
      logins(sandbox)
        .slice(afterWrong.length)
        .map((r) => r.status)
        .filter((status) => status === 200),
    ).toEqual([200]);
    expect(terminal.careCloud()).toBe(client);
  }, 60_000);

  it('logs out at the project it leaves and logs in once at the new one', async () => {
    const before = await sandboxed();
    const after = await sandboxed({
      credentials: {
        user_external_application_id: 'ccpos-second',
        login: 'second',
        password: 'second-password',
      },
    });
    const { terminal } = await terminalOn(before);
    const client = terminal.careCloud();
    await client.reference.stores();

    terminal.settings.update({
      projectUrl: after.projectUrl,
      externalApplicationId: after.credentials.user_external_application_id,
      login: after.credentials.login,
      password: after.credentials.password,
    });
    await eventually(() => expect(logouts(before).map((r) => r.status)).toEqual([204]));
    const stores = await client.reference.stores();
    expect(stores.source).toBe('carecloud');
    await client.reference.countries({ fresh: true });

    expect(logins(before)).toHaveLength(1);
    expect(logins(after).map((r) => r.status)).toEqual([200]);
    expect(logouts(after)).toHaveLength(0);
    // The new project was asked for its own store list, not answered from the old one's.
    expect(asked(after, '/stores').length).toBeGreaterThan(0);
    expect(terminal.careCloud()).toBe(client);
  }, 60_000);

  it('logs the session it replaces out when Test connection checks the login afresh', async () => {
    const sandbox = await sandboxed();
    const { terminal } = await terminalOn(sandbox);
    const client = terminal.careCloud();
    await client.reference.stores();
    expect(logins(sandbox)).toHaveLength(1);

    const report = await terminal.handlers['diagnostics.run'](undefined, {
      operator: null,
      sender: { transport: 'preview', connectionId: 0, origin: '' },
    });
    if (!report.ok) throw new Error('no report');
    expect(report.value.checks.find((c) => c.id === 'login')?.status).toBe('pass');
    expect(logins(sandbox).map((r) => r.status)).toEqual([200, 200]);
    expect(logouts(sandbox).map((r) => r.status)).toEqual([204]);
    // The lane goes on with the session the check made.
    await client.reference.countries({ fresh: true });
    expect(logins(sandbox)).toHaveLength(2);
  }, 60_000);

  /** A terminal on a sandbox of its own that has logged in once (it read the store list). */
  async function loggedIn(): Promise<{ sandbox: TestSandbox; terminal: Fixture['terminal'] }> {
    const sandbox = await sandboxed();
    const { terminal } = await terminalOn(sandbox);
    await terminal.careCloud().reference.stores();
    return { sandbox, terminal };
  }

  it('logs its session out at CareCloud when the terminal closes', async () => {
    const { sandbox, terminal } = await loggedIn();
    expect(logins(sandbox)).toHaveLength(1);
    expect(logouts(sandbox)).toHaveLength(0);

    await terminal.close();
    expect(logouts(sandbox).map((r) => r.status)).toEqual([204]);
    expect(logins(sandbox)).toHaveLength(1);
  }, 60_000);

  it('closes when CareCloud does not answer the logout, which it then never sees', async () => {
    const { sandbox, terminal } = await loggedIn();
    await sandbox.control.cutNetwork('hang');

    await terminal.close();
    await sandbox.control.restoreNetwork();
    expect(logouts(sandbox).filter((r) => r.status === 204)).toHaveLength(0);
  }, 60_000);
});
