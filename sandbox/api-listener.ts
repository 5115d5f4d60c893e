// The CareCloud API listener and its network faults: it refuses connections (closed),
// hangs requests (taken, never answered) or cuts answers mid-body, as a real network does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, serverFault } from './errors.ts';
import type { NetworkMode } from './faults.ts';
import type { Lang, Reply } from './handlers/context.ts';
import { closeServer, listen, readBody } from './http.ts';
import { errorReply, language, runPipeline, type PipelineDeps } from './pipeline.ts';
import type { ReceivedLog } from './received.ts';

const askedLanguage = (req: IncomingMessage): { accept_language?: string } => {
  const header = req.headers['accept-language'];
  return typeof header === 'string' ? { accept_language: header } : {};
};

export interface ApiListenerParts {
  deps: PipelineDeps;
  received: ReceivedLog;
  /** Problems of a response against the contract (strict mode), none when null. */
  check: ((operationId: string, status: number, body: unknown) => string[]) | null;
  /** A request changed the project. */
  changed(): void;
}

export interface ApiListener {
  port: number;
  cutNetwork(mode: Exclude<NetworkMode, 'up'>): Promise<void>;
  restoreNetwork(): Promise<void>;
  close(): Promise<void>;
}

export async function startApiListener(
  parts: ApiListenerParts,
  host: string,
  port: number,
): Promise<ApiListener> {
  const { deps, received, check } = parts;
  const { faults, clock } = deps;
  const hung = new Set<ServerResponse>();
  const api = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const arrived = performance.now();
    if (faults.network === 'hang') {
      hangOn(req, res, arrived);
      return;
    }
    readBody(req)
      .then((bodyText) => serve(req, res, bodyText, arrived))
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, errorToReply(error, language(req.headers['accept-language'])), false);
      });
  });

  function hangOn(
    req: IncomingMessage,
    res: ServerResponse,
    arrived: number,
    handled?: { operationId: string | null; sent: SentBill | null },
  ): void {
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
        arrived_ms: arrived,
        answered_ms: null,
        ...askedLanguage(req),
      },
      handled?.sent ?? undefined,
    );
  }

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    bodyText: string,
    arrived: number,
  ): Promise<void> {
    const outcome = await runPipeline(deps, {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      bodyText,
      remoteAddress: req.socket.remoteAddress ?? '',
    }).catch((error: unknown) => ({
      reply: errorToReply(error),
      route: null,
      body: undefined,
      failed: true,
      at: deps.localNow(clock()),
    }));
    let reply = outcome.reply;
    if (check && outcome.route) {
      const problems = check(outcome.route.operationId, reply.status, reply.body);
      if (problems.length > 0) {
        process.stderr.write(
          `sandbox: ${outcome.route.operationId} ${reply.status} drifts from the contract: ${problems.join('; ')}\n`,
        );
        reply = errorToReply(new Error(`response drifts from the contract: ${problems.join('; ')}`));
      }
    }
    if (reply.changed) parts.changed();
    const sent = sentBill(outcome.route?.operationId, outcome.body, reply);
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.network === 'hang') {
      // The request took effect; its answer never comes.
      hangOn(req, res, arrived, { operationId: outcome.route?.operationId ?? null, sent });
      return;
    }
    // A network cut during the latency already killed this connection.
    const drop =
      res.socket === null ||
      res.socket.destroyed ||
      (!outcome.failed && faults.takeDrop(outcome.route?.operationId ?? null));
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
        arrived_ms: arrived,
        answered_ms: performance.now(),
        ...askedLanguage(req),
      },
      sent ?? undefined,
    );
  }

  await listen(api, port, host);
  const boundPort = (api.address() as AddressInfo).port;

  function dropHung(): void {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
  }

  return {
    port: boundPort,
    async cutNetwork(mode) {
      if (faults.network === 'refuse' && mode !== 'refuse') await listen(api, boundPort, host);
      faults.network = mode;
      if (mode === 'refuse') {
        const closed = new Promise<void>((resolve) => api.close(() => resolve()));
        api.closeAllConnections();
        await closed;
      }
    },
    async restoreNetwork() {
      const previous = faults.network;
      faults.network = 'up';
      dropHung();
      if (previous === 'refuse') await listen(api, boundPort, host);
    },
    async close() {
      dropHung();
      await closeServer(api);
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
  return {
    billId: bill.bill_id,
    canceled: bill.canceled === true,
    purchaseId: reply.status === 201 ? (data?.purchase_id ?? null) : null,
  };
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
