// The sandbox as a server: wires the project, the CareCloud API listener, and the
// control listener for faults (its own port, so it stays reachable while the API refuses connections).
import { startApiListener } from './api-listener.ts';
import { API_ROOT, CUSTOMER_API_ROOT, loadContract } from './contract.ts';
import { sandboxControl } from './control-actions.ts';
import { startControlListener } from './control-listener.ts';
import type { SandboxControl } from './control.ts';
import { CustomerApiState } from './customer-api.ts';
import { KIOSK_APPLICATION_ID, MOBILE_APPLICATION_ID } from './customer-seed.ts';
import { Faults } from './faults.ts';
import type { ProjectSettings } from './handlers/context.ts';
import { closeServer } from './http.ts';
import type { PipelineDeps } from './pipeline.ts';
import { Project } from './project.ts';
import { ReceivedLog } from './received.ts';
import { responseValidator } from './response-validation.ts';
import { demo } from './seed.ts';
import { StateFile } from './state-file.ts';
import { localDateTime } from './time.ts';
import { RateLimiter, TokenStore, type Credentials, type RateLimit } from './tokens.ts';

export type { MintedAppLoginCode, SandboxControl } from './control.ts';

export interface SandboxOptions {
  /** API port; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Enables faults: `sandbox.control` and, unless `controlListener` is false, the control listener. */
  control?: boolean;
  /** The HTTP control listener (token and Host checked); false keeps the controls in-process only. */
  controlListener?: boolean;
  controlPort?: number;
  /** Keeps the project in this file across restarts. */
  statePath?: string;
  tokenLifetimeSeconds?: number;
  /** Per-token budget; null turns rate limiting off. */
  rateLimit?: RateLimit | null;
  /** Checks every response against the contract and answers 500 when one drifts. */
  strict?: boolean;
  credentials?: Partial<Credentials>;
  timeZone?: string;
  cacheMaxAgeSeconds?: number;
  /** Wall clock for token expiry and "now" (tests fix it). */
  clock?: () => Date;
  /** Customer API applications besides the demo kiosk's and mobile app's. */
  customerApplications?: string[];
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`, what a terminal configures as its project. */
  projectUrl: string;
  /** The enterprise interface root under projectUrl. */
  baseUrl: string;
  /** The Customer API root under projectUrl. */
  customerBaseUrl: string;
  port: number;
  controlUrl?: string;
  /** Every control request carries it as `Authorization: Bearer <token>`. */
  controlToken?: string;
  credentials: Credentials;
  control?: SandboxControl;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 100, burst: 200 };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const contract = await loadContract();
  const host = options.host ?? '127.0.0.1';
  const settings: ProjectSettings = {
    timeZone: options.timeZone ?? 'Europe/Prague',
    cacheMaxAgeSeconds: options.cacheMaxAgeSeconds ?? 3600,
    maxVouchersPerBill: 3,
    pointsMinPurchaseMinor: 10000,
  };
  const credentials: Credentials = { ...demo.credentials, ...options.credentials };
  const clock = options.clock ?? (() => new Date());
  const stateFile = options.statePath ? new StateFile(options.statePath) : null;
  let project = stateFile ? await stateFile.load() : new Project();
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 7 * 3600);
  const customerApi = new CustomerApiState(
    new Set([KIOSK_APPLICATION_ID, MOBILE_APPLICATION_ID, ...(options.customerApplications ?? [])]),
  );
  const limiter = new RateLimiter(options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit);
  const faults = new Faults();
  const received = new ReceivedLog();
  const deps: PipelineDeps = {
    contract,
    project: () => project,
    settings,
    credentials,
    tokens,
    customerApi,
    limiter,
    faults,
    clock,
    localNow: (at) => localDateTime(at, settings.timeZone),
  };
  const persist = (): void => stateFile?.schedule(project);

  const api = await startApiListener(
    { deps, received, check: options.strict ? responseValidator(contract) : null, changed: persist },
    host,
    options.port ?? 0,
  );
  const projectUrl = `http://${host}:${api.port}`;

  const control = options.control
    ? sandboxControl({
        faults,
        tokens,
        limiter,
        customerApi,
        received,
        clock,
        timeZone: settings.timeZone,
        network: { cut: (mode) => api.cutNetwork(mode), restore: () => api.restoreNetwork() },
        project: () => project,
        replaceProject: (fresh) => {
          project = fresh;
        },
        persist,
      })
    : undefined;
  const controlListener =
    control && options.controlListener !== false
      ? await startControlListener(control, host, options.controlPort ?? 0)
      : null;

  let closed = false;
  return {
    projectUrl,
    baseUrl: `${projectUrl}${API_ROOT}`,
    customerBaseUrl: `${projectUrl}${CUSTOMER_API_ROOT}`,
    port: api.port,
    ...(controlListener ? { controlUrl: controlListener.url, controlToken: controlListener.token } : {}),
    credentials,
    ...(control ? { control } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([
        api.close(),
        controlListener ? closeServer(controlListener.server) : Promise.resolve(),
      ]);
      await stateFile?.flush(project);
    },
  };
}
