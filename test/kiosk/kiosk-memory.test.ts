// "Nothing of a customer stays in memory after sign-out", checked for real: the sandbox
// runs as its own process (sandbox/cli.ts), the kiosk's main-side composition (startApp in
// kiosk mode) in another (support/kiosk-process.ts), so the kiosk's heap holds only what
// the kiosk itself kept. A customer signs in by card and by e-mail, looks at their balance
// and vouchers and signs out; after forced garbage collection the kiosk's heap snapshot is
// searched for their name, e-mail, phone, card number, password and voucher codes. The
// control case keeps every answer (as a leaking service would) and must be caught, so the
// search is shown able to fail. The kiosk's log is searched for the same.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskOverview } from '../../shared/kiosk.ts';
import { customerPasswords, KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { demo } from '../../sandbox/seed.ts';

const root = join(import.meta.dirname, '../..');
const jana = {
  firstName: 'Jana',
  lastName: 'Nováková',
  email: 'jana.novakova@example.cz',
  phone: '420601000001',
  card: demo.cards.regular,
  password: customerPasswords[1]!.password,
};

let sandbox: ChildProcess;
let projectUrl = '';
const dir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-heap-'));

beforeAll(async () => {
  sandbox = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--rate-limit', 'off'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  projectUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    sandbox.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /project URL\s+(\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    sandbox.once('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${out}`)));
  });
}, 60_000);
afterAll(() => {
  sandbox?.kill();
  rmSync(dir, { recursive: true, force: true });
});

interface KioskProcess {
  ask<T>(channel: string, payload?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string } }>;
  /** The kiosk process's heap after forced garbage collection, as the snapshot file's bytes. */
  heap(name: string): Promise<Buffer>;
  logs(): Promise<string[]>;
  close(): Promise<void>;
}

async function kioskProcess(keepAnswers: boolean): Promise<KioskProcess> {
  const child = fork(join(root, 'test/kiosk/support/kiosk-process.ts'), [], {
    cwd: root,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: {
      ...process.env,
      KIOSK_PROJECT_URL: projectUrl,
      KIOSK_APPLICATION: KIOSK_APPLICATION_ID,
      KIOSK_KEEP_ANSWERS: keepAnswers ? '1' : '0',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  await new Promise<void>((resolve, reject) => {
    child.on(
      'message',
      (message: { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
        if (message.ready) return resolve();
        const pending = waiting.get(message.id!);
        waiting.delete(message.id!);
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(new Error(message.error));
      },
    );
    child.once('exit', (code) => reject(new Error(`the kiosk process exited (${code})`)));
  });
  const call = (request: Record<string, unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ id, ...request });
    });
  return {
    ask: (channel, payload) => call({ op: 'ask', channel, payload }) as never,
    async heap(name) {
      const file = (await call({ op: 'snapshot', file: join(dir, `${name}.heapsnapshot`) })) as string;
      const bytes = readFileSync(file);
      rmSync(file);
      return bytes;
    },
    logs: () => call({ op: 'logs' }) as Promise<string[]>,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call({ op: 'close' });
      await exited;
    },
  };
}

/** Which of the traces the heap (or text) holds, in UTF-8 or as the snapshot's JSON escapes. */
function found(haystack: Buffer, traces: string[]): string[] {
  const escaped = (text: string, upper: boolean) =>
    text.replace(/[^\x20-\x7e]/g, (c) => {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  return traces.filter((trace) =>
    [trace, escaped(trace, true), escaped(trace, false)].some((form) => haystack.includes(Buffer.from(form))),
  );
}

/**
 * The same for a word the app's own texts contain inside sentences (the lookup's hint names
 * "Nováková" as an example): only as a value of its own, a string by itself in the heap or
 * quoted inside a larger one (a JSON body).
 */
function foundAsValue(haystack: Buffer, traces: string[]): string[] {
  return traces.filter((trace) => found(haystack, [`"${trace}"`, `\\"${trace}\\"`]).length > 0);
}

/**
 * A visit: card and password, the account, the e-mail sign-in, the account again, sign-out. Answers the voucher codes
 * shown.
 */
async function visit(kiosk: KioskProcess): Promise<string[]> {
  const byCard = await kiosk.ask<KioskOverview>('kiosk.identify', {
    method: 'card',
    cardNumber: jana.card,
    password: jana.password,
  });
  expect(byCard).toMatchObject({
    ok: true,
    value: { customer: { firstName: jana.firstName, lastName: jana.lastName } },
  });
  const overview = (await kiosk.ask<KioskOverview>('kiosk.overview')).value!;
  expect(overview.points.available).toBeGreaterThan(0);
  const codes = overview.vouchers.flatMap((v) => (v.code ? [v.code] : []));
  expect(codes.length).toBeGreaterThan(0);
  expect(
    await kiosk.ask('kiosk.identify', { method: 'email', email: jana.email, password: jana.password }),
  ).toMatchObject({ ok: true });
  expect(
    await kiosk.ask('kiosk.identify', { method: 'phone', phone: `+${jana.phone}`, password: jana.password }),
  ).toMatchObject({ ok: true });
  expect(await kiosk.ask('kiosk.overview')).toMatchObject({ ok: true });
  expect(await kiosk.ask('kiosk.signOut', { reason: 'done' })).toEqual({ ok: true, value: null });
  expect(await kiosk.ask('kiosk.overview')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  return codes;
}

describe("the kiosk's memory after a customer signs out", () => {
  it('holds none of their name, e-mail, phone, card number, password or voucher codes, nor does its log', async () => {
    const kiosk = await kioskProcess(false);
    try {
      const traces = [jana.firstName, jana.email, jana.phone, jana.card, jana.password];
      // Before anyone came: the search finds none of them in the kiosk's own code and data.
      const before = await kiosk.heap('before');
      expect(found(before, traces)).toEqual([]);
      expect(foundAsValue(before, [jana.lastName])).toEqual([]);
      const codes = await visit(kiosk);
      const heap = await kiosk.heap('after');
      // The snapshot holds what the kiosk does keep: its application id.
      expect(found(heap, [KIOSK_APPLICATION_ID])).toEqual([KIOSK_APPLICATION_ID]);
      expect(found(heap, [...traces, ...codes])).toEqual([]);
      expect(foundAsValue(heap, [jana.lastName])).toEqual([]);
      const log = Buffer.from((await kiosk.logs()).join('\n'));
      expect(log.includes(Buffer.from('kiosk.signOut'))).toBe(true);
      expect(found(log, [...traces, jana.lastName, ...codes])).toEqual([]);
    } finally {
      await kiosk.close();
    }
  }, 180_000);

  it('is caught when something keeps them: the same search finds them in a kiosk that keeps its answers', async () => {
    const kiosk = await kioskProcess(true);
    try {
      const codes = await visit(kiosk);
      const heap = await kiosk.heap('kept');
      expect(found(heap, [jana.firstName, codes[0]!])).toEqual([jana.firstName, codes[0]!]);
      expect(foundAsValue(heap, [jana.lastName])).toEqual([jana.lastName]);
    } finally {
      await kiosk.close();
    }
  }, 180_000);
});
