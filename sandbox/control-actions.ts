// The in-process controls: each one sets a fault, a limit or the data of the running sandbox.
import { formatAppLoginCode } from '../shared/carecloud/app-login-code.ts';
import type { SandboxControl } from './control.ts';
import type { CustomerApiState } from './customer-api.ts';
import { KIOSK_APPLICATION_ID } from './customer-seed.ts';
import type { Faults, NetworkMode } from './faults.ts';
import { Project } from './project.ts';
import type { ReceivedLog } from './received.ts';
import { localDateTime } from './time.ts';
import type { RateLimiter, TokenStore } from './tokens.ts';

export interface ControlledParts {
  faults: Faults;
  tokens: TokenStore;
  limiter: RateLimiter;
  customerApi: CustomerApiState;
  received: ReceivedLog;
  clock: () => Date;
  timeZone: string;
  network: { cut(mode: Exclude<NetworkMode, 'up'>): Promise<void>; restore(): Promise<void> };
  project(): Project;
  /** Puts a fresh seed project in place of the running one. */
  replaceProject(project: Project): void;
  /** The project changed outside a request: keep it in the state file. */
  persist(): void;
}

export function sandboxControl(parts: ControlledParts): SandboxControl {
  const { faults, tokens, limiter, customerApi, received, clock } = parts;
  return {
    cutNetwork: (mode) => parts.network.cut(mode),
    restoreNetwork: () => parts.network.restore(),
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
      const store = parts.project().data.stores.find((s) => s.store_id === storeId);
      if (!store) throw new Error(`no store ${storeId}`);
      store.earning = { ...rule };
      parts.persist();
    },
    mintAppLoginCode: (who, applicationId = KIOSK_APPLICATION_ID) => {
      const project = parts.project();
      const customerId =
        'customerId' in who ? who.customerId : project.cardByNumber(who.cardNumber)?.customer_id;
      const customer = customerId ? project.customer(customerId) : undefined;
      if (!customer || customer.state === 0) throw new Error('no such customer');
      if (!customerApi.applications.has(applicationId))
        throw new Error(`no Customer API application ${applicationId}`);
      const issued = customerApi.issueAppLoginCode(customer.customer_id, applicationId, clock().getTime());
      return {
        authentication_token: issued.token,
        token_request_id: issued.requestId,
        valid_to: localDateTime(new Date(issued.expiresAtMs), parts.timeZone),
        code: formatAppLoginCode({ token: issued.token, tokenRequestId: issued.requestId }),
      };
    },
    expireAppLoginCodes: () => customerApi.expireAppLoginCodes(),
    revokeDeviceTokens: () => customerApi.revokeAll(),
    allowOnCustomerApi: (operationId, allowed) => {
      if (allowed) customerApi.notAllowed.delete(operationId);
      else customerApi.notAllowed.add(operationId);
    },
    beforeNext: (operationId, action) => {
      faults.before.set(operationId, () => {
        action(parts.project());
        parts.persist();
      });
    },
    outbox: () => [...customerApi.outbox],
    clearFaults: () => faults.clear(),
    reset: () => {
      parts.replaceProject(new Project());
      received.clear();
      faults.clear();
      customerApi.notAllowed.clear();
      parts.persist();
    },
    requests: () => received.requests(),
    purchases: () => received.bills(),
    oneTimePasswords: () =>
      [...parts.project().oneTimePasswords.values()].map((o) => ({
        request_id: o.requestId,
        recipient: o.recipient,
        code: o.code,
        used: o.used,
      })),
    status: () => ({ ...faults.describe(), rate_limit: limiter.limit, requests: received.requests().length }),
  };
}
