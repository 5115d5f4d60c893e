// The sandbox as a server: the CareCloud API listener, and the control listener for
// faults (its own port, so it stays reachable while the API refuses connections).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_ROOT, CUSTOMER_API_ROOT, loadContract } from './contract.ts';
import { formatAppLoginCode } from '../shared/carecloud/app-login-code.ts';
import { CustomerApiState, type SentMessage } from './customer-api.ts';
import { KIOSK_APPLICATION_ID, MOBILE_APPLICATION_ID } from './customer-seed.ts';
import { ApiError, payloadTooLarge, serverFault } from './errors.ts';
import { Faults, type NetworkMode } from './faults.ts';
import type { Lang, ProjectSettings, Reply } from './handlers/context.ts';
import { errorReply, language, runPipeline, type PipelineDeps } from './pipeline.ts';
import { Project } from './project.ts';
import { ReceivedLog, type ReceivedBill, type ReceivedRequest } from './received.ts';
import { responseValidator } from './response-validation.ts';
import { demo } from './seed.ts';
import { StateFile } from './state-file.ts';
import { localDateTime } from './time.ts';
import { RateLimiter, TokenStore, type Credentials, type RateLimit } from './tokens.ts';
import { handleControl } from './control.ts';
import type { EarningRule } from './model.ts';

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

/** A login code as the customer's mobile app would show it (GET /tokens/{id}/actions/auth-token). */
export interface MintedAppLoginCode {
  authentication_token: string;
  token_request_id: string;
  valid_to: string;
  /** The text of the app's QR code: `<token_request_id>:<authentication_token>`. */
  code: string;
}

export interface SandboxControl {
  cutNetwork(mode: Exclude<NetworkMode, 'up'>): Promise<void>;
  restoreNetwork(): Promise<void>;
  /** Answer `status` to the next `count` requests. */
  failNext(status: 500 | 503, count: number): void;
  /** Answer `status` to every request for `ms` milliseconds. */
  failFor(status: 500 | 503, ms: number): void;
  setLatency(ms: number): void;
  /** Cut the next `count` responses (of `operationId` only, when given) off mid-body; the requests still take effect. */
  dropNext(count: number, operationId?: string): void;
  expireTokens(): number;
  setRateLimit(limit: RateLimit | null): void;
  setEarningRule(storeId: string, rule: EarningRule): void;
  /** A login code for this customer (by id or card number) for a Customer API application, as their mobile app would get one. */
  mintAppLoginCode(customer: { customerId: string } | { cardNumber: string }, applicationId?: string): MintedAppLoginCode;
  /** Every login code issued so far is expired from now on. */
  expireAppLoginCodes(): number;
  /** Drops every Customer API device token (as if each had been replaced elsewhere). */
  revokeDeviceTokens(): number;
  /** Password set-up messages the Customer API was asked to send. */
  outbox(): SentMessage[];
  clearFaults(): void;
  /** Back to the seed: data, received log and faults. Tokens stay valid. */
  reset(): void;
  requests(): ReceivedRequest[];
  purchases(): ReceivedBill[];
  /** One-time passwords sent, newest last: what the customer would read in the message. */
  oneTimePasswords(): { request_id: string; recipient: string; code: string; used: boolean }[];
  status(): ReturnType<Faults['describe']> & { rate_limit: RateLimit | null; requests: number };
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
const BODY_LIMIT = 1_000_000;

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
  const customerApi = new CustomerApiState(new Set([KIOSK_APPLICATION_ID, MOBILE_APPLICATION_ID, ...(options.customerApplications ?? [])]));
  const limiter = new RateLimiter(options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit);
  const faults = new Faults();
  const received = new ReceivedLog();
  const check = options.strict ? responseValidator(contract) : null;
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

  const hung = new Set<ServerResponse>();
  const api = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    if (faults.network === 'hang') {
      hangOn(req, res);
      return;
    }
    readBody(req)
      .then((bodyText) => serve(req, res, bodyText))
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, errorToReply(error, language(req.headers['accept-language'])), false);
      });
  });

  function hangOn(req: IncomingMessage, res: ServerResponse, handled?: { operationId: string | null; sent: SentBill | null }): void {
    hung.add(res);
    res.on('close', () => hung.delete(res));
    received.record(
      {
        at: deps.localNow(clock()),
        method: req.method ?? '',
        path: req.url ?? '',
        operation_id: handled?.operationId ?? null,
        status: null,
        outcome: 'hung',
        ...(handled?.sent ? { bill_id: handled.sent.billId } : {}),
      },
      handled?.sent ?? undefined,
    );
  }

  async function serve(req: IncomingMessage, res: ServerResponse, bodyText: string): Promise<void> {
    const outcome = await runPipeline(deps, {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      bodyText,
      remoteAddress: req.socket.remoteAddress ?? '',
    }).catch((error: unknown) => ({ reply: errorToReply(error), route: null, body: undefined, failed: true, at: deps.localNow(clock()) }));
    let reply = outcome.reply;
    if (check && outcome.route) {
      const problems = check(outcome.route.operationId, reply.status, reply.body);
      if (problems.length > 0) {
        process.stderr.write(`sandbox: ${outcome.route.operationId} ${reply.status} drifts from the contract: ${problems.join('; ')}\n`);
        reply = errorToReply(new Error(`response drifts from the contract: ${problems.join('; ')}`));
      }
    }
    if (reply.changed) stateFile?.schedule(project);
    const sent = sentBill(outcome.route?.operationId, outcome.body, reply);
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.network === 'hang') {
      // The request took effect; its answer never comes.
      hangOn(req, res, { operationId: outcome.route?.operationId ?? null, sent });
      return;
    }
    // A network cut during the latency already killed this connection.
    const drop = res.socket === null || res.socket.destroyed || (!outcome.failed && faults.takeDrop(outcome.route?.operationId ?? null));
    send(res, reply, drop);
    received.record(
      {
        at: outcome.at,
        method: req.method ?? '',
        path: req.url ?? '',
        operation_id: outcome.route?.operationId ?? null,
        status: reply.status,
        outcome: outcome.failed ? 'failed' : drop ? 'dropped' : 'answered',
        ...(sent ? { bill_id: sent.billId } : {}),
      },
      sent ?? undefined,
    );
  }

  await listen(api, options.port ?? 0, host);
  const port = (api.address() as AddressInfo).port;
  const projectUrl = `http://${host}:${port}`;

  async function cutNetwork(mode: Exclude<NetworkMode, 'up'>): Promise<void> {
    if (faults.network === 'refuse' && mode !== 'refuse') await listen(api, port, host);
    faults.network = mode;
    if (mode === 'refuse') {
      const closed = new Promise<void>((resolve) => api.close(() => resolve()));
      api.closeAllConnections();
      await closed;
    }
  }

  async function restoreNetwork(): Promise<void> {
    const previous = faults.network;
    faults.network = 'up';
    for (const res of hung) res.socket?.destroy();
    hung.clear();
    if (previous === 'refuse') await listen(api, port, host);
  }

  const control: SandboxControl | undefined = options.control
    ? {
        cutNetwork,
        restoreNetwork,
        failNext: (status, count) => {
          faults.error = { status, remaining: Math.max(1, Math.floor(count)), until: null };
        },
        failFor: (status, ms) => {
          faults.error = { status, remaining: null, until: Date.now() + ms };
        },
        setLatency: (ms) => {
          faults.latencyMs = Math.max(0, ms);
        },
        dropNext: (count, operationId) => {
          faults.dropRemaining = Math.max(0, Math.floor(count));
          faults.dropOperation = operationId ?? null;
        },
        expireTokens: () => tokens.expireAll(),
        setRateLimit: (limit) => limiter.set(limit),
        setEarningRule: (storeId, rule) => {
          const store = project.data.stores.find((s) => s.store_id === storeId);
          if (!store) throw new Error(`no store ${storeId}`);
          store.earning = { ...rule };
          stateFile?.schedule(project);
        },
        mintAppLoginCode: (who, applicationId = KIOSK_APPLICATION_ID) => {
          const customerId = 'customerId' in who ? who.customerId : project.cardByNumber(who.cardNumber)?.customer_id;
          const customer = customerId ? project.customer(customerId) : undefined;
          if (!customer || customer.state === 0) throw new Error('no such customer');
          if (!customerApi.applications.has(applicationId)) throw new Error(`no Customer API application ${applicationId}`);
          const issued = customerApi.issueAppLoginCode(customer.customer_id, applicationId, clock().getTime());
          return {
            authentication_token: issued.token,
            token_request_id: issued.requestId,
            valid_to: localDateTime(new Date(issued.expiresAtMs), settings.timeZone),
            code: formatAppLoginCode({ token: issued.token, tokenRequestId: issued.requestId }),
          };
        },
        expireAppLoginCodes: () => customerApi.expireAppLoginCodes(),
        revokeDeviceTokens: () => customerApi.revokeAll(),
        outbox: () => [...customerApi.outbox],
        clearFaults: () => faults.clear(),
        reset: () => {
          project = new Project();
          received.clear();
          faults.clear();
          stateFile?.schedule(project);
        },
        requests: () => received.requests(),
        purchases: () => received.bills(),
        oneTimePasswords: () => [...project.oneTimePasswords.values()].map((o) => ({ request_id: o.requestId, recipient: o.recipient, code: o.code, used: o.used })),
        status: () => ({ ...faults.describe(), rate_limit: limiter.limit, requests: received.requests().length }),
      }
    : undefined;

  let controlServer: Server | null = null;
  let controlUrl: string | undefined;
  let controlToken: string | undefined;
  if (control && options.controlListener !== false) {
    const c = control;
    const token = randomBytes(24).toString('base64url');
    controlToken = token;
    let controlPort = 0;
    controlServer = createServer((req, res) => {
      // A web page on this machine can reach 127.0.0.1 (DNS rebinding); it knows neither the token nor a local Host.
      const refusal = controlRefusal(req, token, controlPort);
      if (refusal) {
        req.resume();
        res.writeHead(refusal.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: refusal.error }));
        return;
      }
      readBody(req)
        .then((text) => handleControl(c, req.method ?? 'GET', req.url ?? '/', text))
        .then(({ status, body }) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(body));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        });
    });
    await listen(controlServer, options.controlPort ?? 0, host);
    controlPort = (controlServer.address() as AddressInfo).port;
    controlUrl = `http://${host}:${controlPort}/__sandbox`;
  }

  let closed = false;
  return {
    projectUrl,
    baseUrl: `${projectUrl}${API_ROOT}`,
    customerBaseUrl: `${projectUrl}${CUSTOMER_API_ROOT}`,
    port,
    ...(controlUrl ? { controlUrl } : {}),
    ...(controlToken ? { controlToken } : {}),
    credentials,
    ...(control ? { control } : {}),
    async close() {
      if (closed) return;
      closed = true;
      for (const res of hung) res.socket?.destroy();
      hung.clear();
      await Promise.all([closeServer(api), controlServer ? closeServer(controlServer) : Promise.resolve()]);
      await stateFile?.flush(project);
    },
  };
}

interface SentBill {
  billId: string;
  canceled: boolean;
  purchaseId: string | null;
}

function sentBill(operationId: string | undefined, body: unknown, reply: Reply): SentBill | null {
  if (operationId !== 'postPurchaseSend' || typeof body !== 'object' || body === null) return null;
  const bill = (body as { bill?: { bill_id?: unknown; canceled?: unknown } }).bill;
  if (!bill || typeof bill.bill_id !== 'string') return null;
  const data = (reply.body as { data?: { purchase_id?: string } } | undefined)?.data;
  return { billId: bill.bill_id, canceled: bill.canceled === true, purchaseId: reply.status === 201 ? (data?.purchase_id ?? null) : null };
}

function errorToReply(error: unknown, lang: Lang = 'en'): Reply {
  if (error instanceof ApiError) return errorReply(error, lang);
  const fault = serverFault(500);
  const detail = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { ...fault.body.error, detail } } };
}

function send(res: ServerResponse, reply: Reply, drop: boolean): void {
  if (!res.socket || res.socket.destroyed) return;
  const payload = reply.body === undefined ? null : Buffer.from(JSON.stringify(reply.body));
  const headers: Record<string, string | number> = { ...reply.headers };
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = payload.length;
  }
  res.writeHead(reply.status, headers);
  if (!drop) {
    res.end(payload ?? undefined);
    return;
  }
  // Headers and half the body, then the connection dies: the client cannot know the outcome.
  const half = payload ? payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))) : Buffer.alloc(0);
  res.write(half, () => res.socket?.destroy());
  if (half.length === 0) res.socket?.destroy();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > BODY_LIMIT) return;
      size += chunk.length;
      if (size > BODY_LIMIT) {
        // As a front server does: answer 413 at once, then cut the upload once the answer is out.
        chunks.length = 0;
        reject(payloadTooLarge({ Connection: 'close' }));
        setTimeout(() => req.socket.destroy(), 200).unref();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      server.closeAllConnections();
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}


const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a control request is refused: a Host that is not this machine, or a missing or wrong token. */
function controlRefusal(req: IncomingMessage, token: string, port: number): { status: number; error: string } | null {
  const hostHeader = req.headers.host ?? '';
  const match = /^(\[::1\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase());
  if (!match || !LOCAL_HOSTS.has(match[1]!) || Number(match[2] ?? 80) !== port) return { status: 403, error: 'the control API answers only to a local Host' };
  const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { status: 401, error: 'the control API needs its token: Authorization: Bearer <token>' };
  return null;
}
