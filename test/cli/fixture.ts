// Runs `ccpos` in-process through main() with captured output, against a loopback CareCloud.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { main } from '../../electron/cli/main.ts';
import { json, startLoopback, type Loopback, type Responder } from '../support/loopback.ts';

export interface Run {
  code: number;
  out: string[];
  err: string[];
}

export async function ccpos(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out, err };
}

export const echoConnection: Responder = (request, res) =>
  json(200, { data: { test_string: request.query.get('test_string') } })(request, res);

export function login(validForMs = 7 * 3600_000, zone = 'Europe/Prague'): Responder {
  return (request, res) =>
    json(200, {
      data: {
        bearer_token: 'cli-token',
        valid_to: formatCareCloudDateTime(new Date(Date.now() + validForMs), zone),
      },
    })(request, res);
}

export interface CliWorld {
  server: Loopback;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export const PASSWORD = 'cli-Pa55word';

export async function world(): Promise<CliWorld> {
  const server = await startLoopback();
  server.on('GET', '/tests/connection', echoConnection);
  server.on('POST', '/users/actions/login', login());
  server.on('POST', '/users/actions/logout', (_request, res) => {
    res.writeHead(204);
    res.end();
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-cli-'));
  return {
    server,
    dataDir,
    env: {
      CCPOS_DATA_DIR: dataDir,
      CARECLOUD_PROJECT_URL: server.origin,
      CARECLOUD_APP_ID: 'app-1',
      CARECLOUD_LOGIN: 'pos',
      CARECLOUD_PASSWORD: PASSWORD,
      CCPOS_TIMEZONE: 'Europe/Prague',
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
