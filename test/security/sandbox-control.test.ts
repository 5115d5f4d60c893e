// The sandbox's fault controls cut the network and reset data. A web page in a browser
// on this machine can reach 127.0.0.1 through DNS rebinding: it then sends its own Host
// name and knows no token. Both are refused; the app's demo mode opens no control port.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  // As `npm run sandbox -- --control` starts it.
  sandbox = await startSandbox({ control: true, rateLimit: null });
});
afterAll(() => sandbox.close());

function post(path: string, body: unknown, headers: Record<string, string>): Promise<number> {
  const url = new URL(`${sandbox.controlUrl}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The TCP ports this process listens on (Linux: its socket inodes in /proc/net/tcp, state 0A). */
function listeningPorts(): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // The descriptor closed while listing.
    }
  }
  const ports = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A' && inodes.has(fields[9] ?? ''))
        ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

async function apiAnswers(): Promise<boolean> {
  try {
    return (await fetch(`${sandbox.baseUrl}/tests/connection?test_string=up`)).status === 200;
  } catch {
    return false;
  }
}

describe('the sandbox control listener', () => {
  const port = () => new URL(sandbox.controlUrl!).port;

  it('refuses a rebinding page: its Host is not this machine, even with the token', async () => {
    expect(
      await post(
        '/network',
        { mode: 'refuse' },
        { Host: `rebind.attacker.example:${port()}`, Authorization: `Bearer ${sandbox.controlToken}` },
      ),
    ).toBe(403);
    expect(await apiAnswers()).toBe(true);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    expect(await post('/network', { mode: 'refuse' }, { Host: `127.0.0.1:${port()}` })).toBe(401);
    expect(
      await post(
        '/network',
        { mode: 'refuse' },
        { Host: `localhost:${port()}`, Authorization: 'Bearer guessed' },
      ),
    ).toBe(401);
    expect(await apiAnswers()).toBe(true);
  });

  it('obeys its token from this machine', async () => {
    expect(
      await post(
        '/network',
        { mode: 'refuse' },
        { Host: `127.0.0.1:${port()}`, Authorization: `Bearer ${sandbox.controlToken}` },
      ),
    ).toBe(200);
    expect(await apiAnswers()).toBe(false);
    expect(
      await post(
        '/network',
        { mode: 'up' },
        { Host: `localhost:${port()}`, Authorization: `Bearer ${sandbox.controlToken}` },
      ),
    ).toBe(200);
    expect(await apiAnswers()).toBe(true);
  });
});

describe("the app's demo backend", () => {
  it('switches the outage in-process and opens no control listener', async () => {
    const before = listeningPorts();
    const backend = await startSandboxBackend({ rateLimit: null });
    try {
      // One new listening socket: the API. No control port.
      expect([...listeningPorts()].filter((p) => !before.has(p))).toEqual([
        Number(new URL(backend.projectUrl).port),
      ]);
      await backend.setOutage(true);
      expect(backend.outage).toBe(true);
      await expect(
        fetch(
          `${backend.projectUrl}/webservice/rest-api/enterprise-interface/v1.0/tests/connection?test_string=up`,
        ),
      ).rejects.toThrow();
      await backend.setOutage(false);
    } finally {
      await backend.close();
    }
  });
});
