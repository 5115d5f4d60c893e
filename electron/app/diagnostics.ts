// "Test connection": the checks support runs with `ccpos doctor`, for the settings
// screen. Details are our own sentences; nothing from a response body or header.
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/ipc/contract.ts';
import { isValidTimeZone } from '../../shared/datetime.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { AuthenticationError, CareCloudError, ConnectionError, UnexpectedResponseError } from '../carecloud/errors.ts';
import type { SettingsService } from '../settings/settings-service.ts';

export interface DiagnosticsDeps {
  settings: SettingsService;
  client: () => CareCloudClient;
  demo: boolean;
  /** Queue size from the journal, or throws when the journal cannot be read. */
  journalQueue: () => number;
}

function describeFailure(error: unknown): string {
  if (error instanceof ConnectionError) return `CareCloud cannot be reached (${error.kind})`;
  if (error instanceof AuthenticationError) return 'CareCloud refused the login, external application id or password';
  if (error instanceof UnexpectedResponseError) return `Something other than CareCloud answered (HTTP ${error.status})`;
  if (error instanceof CareCloudError) return `CareCloud answered with an error (HTTP ${error.status})`;
  return 'The check failed unexpectedly; see the log';
}

async function check(id: string, title: string, run: () => Promise<Omit<DiagnosticCheck, 'id' | 'title'>>): Promise<DiagnosticCheck> {
  try {
    return { id, title, ...(await run()) };
  } catch (error) {
    return { id, title, status: 'fail', detail: describeFailure(error) };
  }
}

export async function runDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsReport> {
  const settings = deps.settings.current;
  const client = deps.client();
  const checks: DiagnosticCheck[] = [];
  checks.push(
    await check('settings', 'Settings', async () => {
      if (deps.demo) return { status: 'warn', detail: 'No CareCloud project is configured: the terminal runs in demo mode against the embedded sandbox' };
      const missing = (['externalApplicationId', 'login'] as const).filter((key) => settings[key] === '');
      if (deps.settings.password() === null) missing.push('password' as never);
      return missing.length > 0
        ? { status: 'fail', detail: `Missing: ${missing.join(', ')}` }
        : { status: 'pass', detail: 'Project, application id, login and password are set' };
    }),
  );
  checks.push(
    await check('time-zone', 'Time zone', async () =>
      isValidTimeZone(settings.timeZone) ? { status: 'pass', detail: settings.timeZone } : { status: 'fail', detail: 'Not a known time zone' },
    ),
  );
  const connection = await check('connection', 'Connection to CareCloud', async () => {
    await client.tests.connection('ccpos-doctor', { retry: false });
    return { status: 'pass', detail: 'CareCloud answered' };
  });
  checks.push(connection);
  const login = await check('login', 'Sign-in to CareCloud', async () => {
    if (connection.status !== 'pass') return { status: 'skip', detail: 'Needs a connection first' };
    client.session.forget();
    await client.session.token();
    return { status: 'pass', detail: 'CareCloud accepted the terminal\u2019s credentials' };
  });
  checks.push(login);
  checks.push(
    await check('store', 'Store', async () => {
      if (login.status !== 'pass') return { status: 'skip', detail: 'Needs a sign-in first' };
      if (settings.storeId === '') return { status: 'fail', detail: 'No store is chosen' };
      const stores = await client.reference.stores({ fresh: true });
      const store = stores.items.find((s) => s.store_id === settings.storeId);
      return store ? { status: 'pass', detail: store.name ?? settings.storeId } : { status: 'fail', detail: 'CareCloud does not know the chosen store' };
    }),
  );
  checks.push(
    await check('journal', 'Offline journal', async () => ({ status: 'pass', detail: `${deps.journalQueue()} sales waiting to be sent` })),
  );
  return { checks, ok: checks.every((c) => c.status !== 'fail') };
}
