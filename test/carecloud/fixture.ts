// A client wired to a loopback server, with its log lines, waits and clock in reach.
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { createCareCloudClient, type CareCloudClientOptions } from '../../electron/carecloud/client.ts';
import { createLogger } from '../../electron/log/logger.ts';
import { json, startLoopback, type Loopback, type Responder } from '../support/loopback.ts';

export const TIME_ZONE = 'Europe/Prague';
export const PASSWORD = 'Pa55-w0rd-never-logged';

/** A login answer whose token is valid for `validForMs` from `now()`. */
export function loginAnswer(
  token: string,
  now: () => number = Date.now,
  validForMs = 7 * 3600_000,
): Responder {
  return (request, res) =>
    json(200, {
      data: {
        bearer_token: token,
        valid_to: formatCareCloudDateTime(new Date(now() + validForMs), TIME_ZONE),
      },
    })(request, res);
}

export interface Fixture {
  server: Loopback;
  client: ReturnType<typeof createCareCloudClient>;
  logs: Record<string, unknown>[];
  rawLogs: string[];
  sleeps: number[];
  clock: { now: number };
  close(): Promise<void>;
}

export async function fixture(overrides: Partial<CareCloudClientOptions> = {}): Promise<Fixture> {
  const server = await startLoopback();
  const rawLogs: string[] = [];
  const sleeps: number[] = [];
  const clock = { now: Date.UTC(2026, 5, 15, 10, 0, 0) };
  const now = () => clock.now;
  server.on('POST', '/users/actions/login', loginAnswer('token-1', now));
  const client = createCareCloudClient({
    projectUrl: server.origin,
    credentials: { externalApplicationId: 'app-1', login: 'pos', password: PASSWORD },
    language: 'cs',
    timeZone: TIME_ZONE,
    logger: createLogger((line) => rawLogs.push(line), now),
    // Waits are recorded and advance the fake clock instead of passing real time.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    random: () => 0.5,
    now,
    ...overrides,
  });
  return {
    server,
    client,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    sleeps,
    clock,
    close: () => server.close(),
  };
}
