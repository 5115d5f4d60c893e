// One API request, start to end: fault, route, auth, rate limit, parse, validate, handle.
// Each step fails fast with CareCloud's error envelope.
import { API_ROOT, CUSTOMER_API_ROOT, type ApiInterface, type Contract, type Route } from './contract.ts';
import type { CustomerApiState, DeviceRecord } from './customer-api.ts';
import {
  ApiError,
  badRequest,
  interfaceNotAllowed,
  methodNotAllowed,
  routeNotFound,
  serverFault,
  tooManyRequests,
  unauthorized,
  unknownDeviceToken,
} from './errors.ts';
import type { Faults } from './faults.ts';
import type { Lang, ProjectSettings, Reply, ApiSession } from './handlers/context.ts';
import { customerHandlers } from './handlers/customer-interface.ts';
import { handlers } from './handlers/index.ts';
import type { Project } from './project.ts';
import { validateRequest } from './request-validation.ts';
import type { Credentials, RateLimiter, TokenStore } from './tokens.ts';

export interface PipelineDeps {
  contract: Contract;
  project: () => Project;
  settings: ProjectSettings;
  credentials: Credentials;
  tokens: TokenStore;
  customerApi: CustomerApiState;
  limiter: RateLimiter;
  faults: Faults;
  /** Wall-clock now (tests may fix it). */
  clock: () => Date;
  localNow: (at: Date) => string;
}

export interface Incoming {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  remoteAddress: string;
}

export interface Outcome {
  reply: Reply;
  route: Route | null;
  /** The request body, once parsed (for the received log). */
  body: unknown;
  failed: boolean;
  /** Project-local time the request was handled. */
  at: string;
}

const ROOTS: readonly { prefix: string; root: string; api: ApiInterface }[] = [
  { prefix: `${API_ROOT}/`, root: API_ROOT, api: 'enterprise' },
  { prefix: `${CUSTOMER_API_ROOT}/`, root: CUSTOMER_API_ROOT, api: 'customer' },
];

/** `customers` of `/customers/{customer_id}/cards`: the resource CareCloud names in an interface refusal. */
function resourceName(path: string): string {
  return path.split('/').find((part) => part !== '') ?? '';
}

export async function runPipeline(deps: PipelineDeps, incoming: Incoming): Promise<Outcome> {
  let route: Route | null = null;
  let body: unknown;
  const at = deps.clock();
  const local = deps.localNow(at);
  const lang = language(incoming.headers['accept-language']);
  try {
    const injected = deps.faults.takeError(Date.now());
    if (injected)
      return { reply: errorReply(serverFault(injected), lang), route, body, failed: true, at: local };

    const queryAt = incoming.url.indexOf('?');
    const pathname = queryAt < 0 ? incoming.url : incoming.url.slice(0, queryAt);
    const root = ROOTS.find((r) => pathname.startsWith(r.prefix));
    if (!root) throw routeNotFound(pathname);
    const match = deps.contract.match(incoming.method, pathname.slice(root.root.length));
    if (match.kind === 'not_found') throw routeNotFound(pathname);
    if (match.kind === 'method_not_allowed') throw methodNotAllowed(incoming.method, pathname);
    route = match.route;
    const table = root.api === 'customer' ? customerHandlers : handlers;
    // Limited to the other interface by the vendor, or not allowed on the Customer API in this project.
    const notInProject = root.api === 'customer' && deps.customerApi.notAllowed.has(route.operationId);
    if ((route.only !== undefined && route.only !== root.api) || !table[route.operationId] || notInProject)
      throw interfaceNotAllowed(resourceName(route.path), root.api);

    let session: ApiSession | null = null;
    let device: DeviceRecord | null = null;
    if (route.secured && root.api === 'enterprise')
      session = authenticate(deps, incoming.headers.authorization, at.getTime());
    if (route.secured && root.api === 'customer')
      device = authenticateDevice(deps, incoming.headers.authorization);

    const wait = deps.limiter.take(
      session
        ? `token:${session.token}`
        : device
          ? `device:${device.token}`
          : `address:${incoming.remoteAddress}`,
      performance.now(),
    );
    if (wait > 0) throw tooManyRequests(wait);

    if (incoming.bodyText.length > 0) {
      try {
        body = JSON.parse(incoming.bodyText);
      } catch {
        throw badRequest([
          {
            name: 'body',
            reason: 'invalid_value_format',
            value: incoming.bodyText.slice(0, 100),
            message: 'The request body is not valid JSON.',
          },
        ]);
      }
    }
    const valid = validateRequest(
      route,
      { method: incoming.method, url: incoming.url, headers: incoming.headers, body },
      match.pathParams,
    );
    const handler = table[route.operationId];
    if (!handler) throw routeNotFound(pathname);
    deps.faults.takeBefore(route.operationId)?.();
    const reply = await handler({
      project: deps.project(),
      settings: deps.settings,
      query: valid.query,
      params: match.pathParams,
      body: valid.body,
      lang,
      now: local,
      session,
      sortable: route.sortable,
      auth: {
        credentials: deps.credentials,
        tokens: deps.tokens,
        nowMs: at.getTime(),
        timeZone: deps.settings.timeZone,
      },
      device,
      customerApi: deps.customerApi,
    });
    return { reply, route, body, failed: false, at: local };
  } catch (error) {
    if (error instanceof ApiError)
      return { reply: errorReply(error, lang), route, body, failed: false, at: local };
    throw error;
  }
}

/** CareCloud's envelope, its detail in the caller's language. */
export function errorReply(error: ApiError, lang: Lang): Reply {
  return { status: error.status, body: error.bodyIn(lang), headers: error.headers };
}

function authenticate(deps: PipelineDeps, header: string | string[] | undefined, nowMs: number): ApiSession {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  if (!match) throw unauthorized('missing');
  const token = match[1]!;
  const check = deps.tokens.check(token, nowMs);
  if (!check.ok) throw unauthorized(check.reason === 'expired' ? 'expired' : 'invalid');
  return { token, userId: check.userId };
}

function authenticateDevice(deps: PipelineDeps, header: string | string[] | undefined): DeviceRecord {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  if (!match) throw unauthorized('missing');
  const device = deps.customerApi.device(match[1]!);
  if (!device) throw unknownDeviceToken();
  return device;
}

/** Czech unless the caller prefers English (`Accept-Language` with q-values). */
export function language(header: string | string[] | undefined): Lang {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'cs';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const lang: Lang | null = tag.startsWith('cs') ? 'cs' : tag.startsWith('en') ? 'en' : null;
    if (lang && Number.isFinite(q) && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'cs';
}
