// The chaos rig for one scenario: a data folder, a dropping proxy in front of the sandbox,
// the real `ccpos` bundle in child processes (killed, delayed, clock-skewed at will) and the
// app's terminal with its sync engine in this process, all on the same journal.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTerminal, type Terminal } from '../../electron/app/terminal.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { passwordCiphertextKey } from '../../electron/settings/keys.ts';
import { purchaseEntry } from '../../electron/sync/closure.ts';
import {
  cardNumber,
  currencyIds,
  customerId,
  purchaseItemTypeIds,
  purchaseTypeIds,
  storeIds,
} from '../../sandbox/seed.ts';
import { droppingProxy, type DroppingProxy } from '../../test/support/dropping-proxy.ts';
import type { Random } from './random.ts';
import type { ChaosSandbox } from './sandbox.ts';

export const skewPreload = fileURLToPath(new URL('./skewed-clock.mjs', import.meta.url));
const TIME_ZONE = 'Europe/Prague';
/** The app's till number; `ccpos` processes take other numbers, as other tills on one folder would. */
export const APP_CASHDESK = 1;

/** What one command (or one app sale) did, as the cashier or a script would have seen it. */
export interface CommandRecord {
  kind: 'checkout' | 'replay' | 'app-sale' | 'void';
  /** The sale's own mark (its bill_number), for checkouts and app sales. */
  sale: string | null;
  cashdesk: number;
  skewMs: number;
  startedAt: number;
  endedAt: number;
  /** Killed by the rig on purpose, at a random instant. */
  killed: boolean;
  /** Did not end within its limit (then killed). */
  hung: boolean;
  code: number | null;
  signal: string | null;
  /** The reported outcome (`synced`, `queued`, `rejected`, or `failed` when none was reported). */
  outcome: string | null;
  billId: string | null;
  output: string;
}

export interface CheckoutOptions {
  cashdesk?: number;
  skewMs?: number;
  /** SIGKILL the process this many ms after it starts. */
  killAfterMs?: number;
}

export interface ReplayOptions {
  skewMs?: number;
  killAfterMs?: number;
  maxSeconds?: number;
}

/** The proxy and sandbox faults a scenario may set; `calm()` takes them all away. */
export interface Weather {
  proxy: DroppingProxy['faults'];
  sandbox: ChaosSandbox['control'];
}

const CHECKOUT_LIMIT_MS = 60_000;
const REPLAY_GRACE_MS = 20_000;

export interface RigSetup {
  scenario: string;
  sandbox: ChaosSandbox;
  /** bin/ccpos.js. */
  ccpos: string;
  dataDir: string;
  /** Bill files and other scratch outside the data folder (which may be full). */
  workDir: string;
  random: Random;
  /** Prints progress lines when set. */
  log?: (line: string) => void;
}

export class Rig {
  readonly records: CommandRecord[] = [];
  readonly #running = new Set<Promise<CommandRecord>>();
  /** The app's terminal once it is opening: concurrent app sales share one, and a failed open is tried again. */
  #terminal: Promise<Terminal> | null = null;
  #proxy!: DroppingProxy;
  #sales = 0;
  readonly setup: RigSetup;

  private constructor(setup: RigSetup) {
    this.setup = setup;
  }

  static async open(setup: RigSetup): Promise<Rig> {
    const rig = new Rig(setup);
    mkdirSync(setup.workDir, { recursive: true });
    rig.#proxy = await droppingProxy(setup.sandbox.projectUrl, {}, () => setup.random.next());
    // The tills' shared settings file, as the app writes it: shorter timeouts than the defaults
    // so a cut network costs seconds, and the project's rate limit.
    writeFileSync(
      join(setup.dataDir, 'settings.json'),
      JSON.stringify({
        timeouts: { closureMs: 4_000, lookupMs: 1_500, loginMs: 2_000 },
        sync: { rateLimitPerSecond: 50 },
      }),
      { mode: 0o600 },
    );
    return rig;
  }

  get random(): Random {
    return this.setup.random;
  }

  get weather(): Weather {
    return { proxy: this.#proxy.faults, sandbox: this.setup.sandbox.control };
  }

  get proxyCounts(): DroppingProxy['counts'] {
    return this.#proxy.counts;
  }

  /** Every fault off: the network up, no errors, latency, drops, garbage or rate limit. */
  async calm(): Promise<void> {
    Object.assign(this.#proxy.faults, { drop: 0, garbage: 0, html: 0, intercept: 0, latencyMs: 0 });
    const control = this.setup.sandbox.control;
    control.clearFaults();
    control.setRateLimit(null);
    await control.restoreNetwork();
  }

  /**
   * The app's terminal on the shared folder, configured against CareCloud behind the proxy; its sync engine runs in the
   * background.
   */
  async openApp(): Promise<Terminal> {
    if (this.#terminal) return this.#terminal;
    const opening = this.#startApp().catch((error: unknown) => {
      if (this.#terminal === opening) this.#terminal = null;
      throw error;
    });
    this.#terminal = opening;
    return opening;
  }

  async #startApp(): Promise<Terminal> {
    const { sandbox, dataDir } = this.setup;
    const cipher = keyCipher(randomBytes(32));
    const settings = memoryBackend({
      projectUrl: this.#proxy.url,
      externalApplicationId: sandbox.credentials.user_external_application_id,
      login: sandbox.credentials.login,
      storeId: storeIds.praha,
      cashdeskNumber: APP_CASHDESK,
      language: 'en',
      timeZone: TIME_ZONE,
      timeouts: { closureMs: 4_000, lookupMs: 1_500, loginMs: 2_000 },
      sync: { rateLimitPerSecond: 50 },
      shift: { cashNeedsOpenShift: false },
      [passwordCiphertextKey]: cipher.encrypt(sandbox.credentials.password),
    });
    return startTerminal({
      dataDir,
      stores: { settings, operators: memoryBackend(), customerCache: memoryBackend() },
      cipher,
      startDemo: () => Promise.reject(new Error('the chaos terminal is configured, not a demo')),
      label: 'app',
    });
  }

  /** Stops the app's terminal as the app does on quit (its engine ends what it has in flight). */
  async closeApp(): Promise<void> {
    const opening = this.#terminal;
    this.#terminal = null;
    const terminal = await opening?.catch(() => null);
    await terminal?.close();
  }

  /** A bill the sandbox takes, marked by its bill_number so the sale can be found whatever its bill_id. */
  bill(): { sale: string; file: object } {
    this.#sales += 1;
    const sale = `chaos-${this.setup.scenario}-${this.#sales}`;
    const r = this.random;
    const lines = r.int(1, 3);
    const items = Array.from({ length: lines }, (_, i) => {
      const price = r.int(10, 400);
      return {
        plu_ids: [{ list_code: 'GLOBAL', code: '8590000000017' }],
        plu_name: 'Chléb',
        vat_rate: 12,
        quantity: 1,
        price,
        paid_amount: price,
        bill_item_id: String(i + 1),
        loyalty_off: false,
        purchase_item_type_id: purchaseItemTypeIds.store,
      };
    });
    const customer = r.pick([0, 1, 2, 3, 4]);
    return {
      sale,
      file: {
        ...(customer ? { customer_id: customerId(customer), card_number: cardNumber(customer) } : {}),
        bill: {
          currency_id: currencyIds.czk,
          total_price: items.reduce((sum, item) => sum + item.paid_amount, 0),
          purchase_type_id: purchaseTypeIds.store,
          payment_type: r.pick(['A', 'C'] as const),
          bill_number: sale,
          bill_items: items,
        },
      },
    };
  }

  #env(cashdesk: number, skewMs: number): NodeJS.ProcessEnv {
    const { sandbox, dataDir } = this.setup;
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CCPOS_DATA_DIR: dataDir,
      CARECLOUD_PROJECT_URL: this.#proxy.url,
      CARECLOUD_APP_ID: sandbox.credentials.user_external_application_id,
      CARECLOUD_LOGIN: sandbox.credentials.login,
      CARECLOUD_PASSWORD: sandbox.credentials.password,
      CCPOS_STORE_ID: storeIds.praha,
      CCPOS_CASHDESK: String(cashdesk),
      CCPOS_TIMEZONE: TIME_ZONE,
      CCPOS_LANGUAGE: 'en',
      ...(skewMs !== 0 ? { CHAOS_CLOCK_SKEW_MS: String(skewMs) } : {}),
    };
  }

  #track(done: Promise<CommandRecord>): Promise<CommandRecord> {
    this.#running.add(done);
    void done.finally(() => this.#running.delete(done));
    return done;
  }

  #spawn(
    kind: 'checkout' | 'replay' | 'void',
    args: string[],
    sale: string | null,
    cashdesk: number,
    skewMs: number,
    killAfterMs: number | undefined,
    limitMs: number,
  ): Promise<CommandRecord> {
    const node = [...(skewMs !== 0 ? ['--import', skewPreload] : []), this.setup.ccpos, ...args];
    const startedAt = Date.now();
    const child = spawn(process.execPath, node, {
      env: this.#env(cashdesk, skewMs),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let killed = false;
    let hung = false;
    const killer =
      killAfterMs === undefined
        ? null
        : setTimeout(() => {
            killed = child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
          }, killAfterMs);
    const limit = setTimeout(() => {
      hung = child.kill('SIGKILL');
    }, limitMs);
    return this.#track(
      new Promise<CommandRecord>((resolve) => {
        const finish = (code: number | null, signal: string | null) => {
          if (killer) clearTimeout(killer);
          clearTimeout(limit);
          const outcome = /^outcome +(\w+)/m.exec(output)?.[1] ?? (kind === 'checkout' ? 'failed' : null);
          const billId = /^bill_id +(\S+)$/m.exec(output)?.[1] ?? null;
          const record: CommandRecord = {
            kind,
            sale,
            cashdesk,
            skewMs,
            startedAt,
            endedAt: Date.now(),
            killed: killed && !hung,
            hung,
            code,
            signal,
            outcome,
            billId: billId === '-' ? null : billId,
            output: output.slice(-2_000),
          };
          this.records.push(record);
          this.setup.log?.(
            `  ${kind}${sale ? ` ${sale}` : ''} till ` +
              `${cashdesk}${skewMs ? ` skew ${Math.round(skewMs / 60_000)} min` : ''}: ` +
              `${record.hung ? 'HUNG' : record.killed ? 'killed' : `exit ${code}${outcome ? ` ${outcome}` : ''}`} ` +
              `in ${record.endedAt - startedAt} ms`,
          );
          if (process.env.CHAOS_DEBUG) this.setup.log?.(output);
          resolve(record);
        };
        child.on('error', () => finish(null, null));
        child.on('exit', (code, signal) => finish(code, signal));
      }),
    );
  }

  /** `ccpos checkout --file` with a fresh bill, as a till whose number is `cashdesk`. */
  checkout(options: CheckoutOptions = {}): Promise<CommandRecord> {
    const { sale, file } = this.bill();
    const path = join(this.setup.workDir, `${sale}.json`);
    writeFileSync(path, JSON.stringify(file));
    return this.#spawn(
      'checkout',
      ['checkout', '--file', path, '--operator', 'chaos'],
      sale,
      options.cashdesk ?? 2,
      options.skewMs ?? 0,
      options.killAfterMs,
      CHECKOUT_LIMIT_MS,
    );
  }

  /** `ccpos replay`, within its own time budget. */
  replay(options: ReplayOptions = {}): Promise<CommandRecord> {
    const seconds = options.maxSeconds ?? 20;
    return this.#spawn(
      'replay',
      ['replay', '--max-seconds', String(seconds)],
      null,
      9,
      options.skewMs ?? 0,
      options.killAfterMs,
      seconds * 1000 + REPLAY_GRACE_MS,
    );
  }

  /** A manager gives up a waiting entry with `ccpos queue void`, as one might when a sale looks stuck. */
  voidEntry(id: number): Promise<CommandRecord> {
    return this.#spawn(
      'void',
      ['queue', 'void', String(id), '--reason', 'chaos: given up', '--by', 'manager-chaos'],
      null,
      9,
      0,
      undefined,
      CHECKOUT_LIMIT_MS,
    );
  }

  /** A sale closed through the app's sync engine, as the till's pay does once the bill is final. */
  appSale(): Promise<CommandRecord> {
    const { sale, file } = this.bill();
    const startedAt = Date.now();
    const done = (async (): Promise<CommandRecord> => {
      const base = {
        kind: 'app-sale' as const,
        sale,
        cashdesk: APP_CASHDESK,
        skewMs: 0,
        startedAt,
        killed: false,
        hung: false,
        code: null,
        signal: null,
      };
      const billFile = file as {
        customer_id?: string;
        card_number?: string;
        bill: Parameters<typeof purchaseEntry>[0]['bill'];
      };
      let record: CommandRecord;
      try {
        // Opening the app belongs to the sale: on a full disk the journal refuses to open,
        // and the cashier sees that sale fail.
        const terminal = await this.openApp();
        const entry = purchaseEntry(
          {
            storeId: storeIds.praha,
            cashdesk: APP_CASHDESK,
            operator: 'chaos-app',
            ...(billFile.customer_id
              ? { customerId: billFile.customer_id, cardNumber: billFile.card_number! }
              : {}),
            bill: billFile.bill,
          },
          { timeZone: TIME_ZONE },
        );
        const result = await terminal.sync.close(entry);
        record = {
          ...base,
          endedAt: Date.now(),
          outcome: result.outcome,
          billId: result.entry.billId,
          output: result.outcome === 'queued' ? `${result.why} ${result.error ?? ''}` : '',
        };
      } catch (error) {
        record = {
          ...base,
          endedAt: Date.now(),
          outcome: 'failed',
          billId: null,
          output: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        };
      }
      this.records.push(record);
      this.setup.log?.(`  app sale ${sale}: ${record.outcome} in ${record.endedAt - startedAt} ms`);
      return record;
    })();
    return this.#track(done);
  }

  /** Waits for every command started so far (and any they start). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  async close(): Promise<void> {
    await this.idle();
    await this.closeApp();
    await this.#proxy.close();
  }
}
