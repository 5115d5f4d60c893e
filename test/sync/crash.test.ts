// Tills killed with SIGKILL at random instants, hundreds of times, three at a time on
// one data dir: afterwards CareCloud holds every journaled sale exactly once, and
// every sale a till reported closed is in the journal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { tempDir } from '../journal/helpers.ts';
import { sandboxTerminal } from './sandbox-terminal.ts';

const KILLS = Number(process.env.CCPOS_CRASH_KILLS ?? 200);
const childSource = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
// Bundled beside node_modules so better-sqlite3 (left out of the bundle) still resolves.
const child = fileURLToPath(
  new URL('../../node_modules/.cache/ccpos-crash-test/crash-child.mjs', import.meta.url),
);

let sandbox: TestSandbox;
let temp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  // One esbuild bundle instead of tsx transpiling every start: a start costs ~100 ms instead of ~500.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [childSource],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['better-sqlite3'],
    banner: {
      js:
        "import { createRequire as __ccposRequire } from 'node:module'; " +
        'const require = __ccposRequire(import.meta.url);',
    },
    logLevel: 'silent',
  });
  sandbox = await startTestSandbox();
  temp = tempDir();
});
afterAll(async () => {
  await sandbox.close();
  temp.cleanup();
});

interface Life {
  closed: string[];
  killedAfterReadyMs: number;
  exitedByItself: boolean;
}

/** Runs one till and kills it at a random moment: mostly while it sells, sometimes while it starts and recovers. */
function runAndKill(maxDelayMs: number): Promise<Life> {
  const duringStartup = Math.random() < 0.2;
  return new Promise((resolve, reject) => {
    const closed: string[] = [];
    let buffer = '';
    let stderr = '';
    let killedAfterReadyMs = -1;
    let killed = false;
    const proc = spawn(
      process.execPath,
      [child, temp.dir, sandbox.projectUrl, JSON.stringify(sandbox.credentials)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const kill = () => {
      killed = true;
      proc.kill('SIGKILL');
    };
    if (duringStartup) setTimeout(kill, Math.floor(Math.random() * 4 * maxDelayMs));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line === 'ready' && !duringStartup) {
          killedAfterReadyMs = Math.floor(Math.random() * maxDelayMs);
          setTimeout(kill, killedAfterReadyMs);
        } else if (line.startsWith('closed ')) closed.push(line.split(' ')[1]!);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (!killed && code !== 0)
        return reject(new Error(`the till failed on its own (${code ?? signal}): ${stderr.slice(-2000)}`));
      resolve({ closed, killedAfterReadyMs, exitedByItself: !killed });
    });
  });
}

describe('crash safety', () => {
  it(`loses and doubles nothing across ${KILLS} SIGKILLs at random instants`, async () => {
    sandbox.control.setLatency(3);
    const lives: Life[] = [];
    // Three tills at once on the same data dir, each killed on its own schedule.
    while (lives.filter((l) => !l.exitedByItself).length < KILLS)
      lives.push(...(await Promise.all([runAndKill(150), runAndKill(150), runAndKill(150)])));
    sandbox.control.setLatency(0);

    const kills = lives.filter((l) => !l.exitedByItself).length;
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    const reportedClosed = lives.flatMap((l) => l.closed);
    expect(reportedClosed.length).toBeGreaterThan(0);

    // A till that starts afterwards finds what the dead ones left and sends it.
    const survivor = sandboxTerminal(
      sandbox.projectUrl,
      sandbox,
      {
        sendTimeoutMs: 3_000,
        entryBackoff: { baseMs: 5, maxMs: 50 },
        probeBackoff: { baseMs: 5, maxMs: 50 },
        ratePerSecond: 1_000,
        concurrency: 4,
      },
      temp.dir,
    );
    try {
      for (let round = 0; round < 200 && survivor.journal.stats().queued > 0; round++) {
        if (!survivor.engine.online) await survivor.engine.probe();
        await survivor.engine.drain();
        if (survivor.journal.stats().queued > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const unsynced = survivor.journal.list({ state: ['pending', 'sending', 'rejected', 'voided'] }).entries;
      expect(
        unsynced.map((e) => ({
          billId: e.billId,
          state: e.state,
          reasons: e.reasons,
          error: e.lastError,
          attempts: survivor.journal.attempts(e.id),
        })),
      ).toEqual([]);

      const journaled = new Set<string>();
      for (let offset = 0; ; offset += 1000) {
        const page = survivor.journal.list({}, { limit: 1000, offset });
        for (const entry of page.entries) journaled.add(entry.billId!);
        if (page.entries.length < 1000) break;
      }
      // Every sale a cashier saw closed is in the journal.
      for (const billId of reportedClosed) expect(journaled.has(billId)).toBe(true);
      // CareCloud accepted each journaled sale exactly once, and nothing else.
      const bills = sandbox.control.purchases();
      const accepted = bills.filter((b) => b.statuses.includes(201));
      for (const bill of accepted) expect(bill.statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(new Set(accepted.map((b) => b.bill_id))).toEqual(journaled);
      // The kills did land mid-send: claims were found abandoned, and resends met sales that had landed before the
      // answer was recorded.
      const outcomes = new Map<string, number>();
      for (let offset = 0; ; offset += 1000) {
        const page = survivor.journal.list({}, { limit: 1000, offset });
        for (const entry of page.entries)
          for (const attempt of survivor.journal.attempts(entry.id))
            outcomes.set(
              attempt.outcome ?? 'unfinished',
              (outcomes.get(attempt.outcome ?? 'unfinished') ?? 0) + 1,
            );
        if (page.entries.length < 1000) break;
      }
      expect(outcomes.get('abandoned') ?? 0).toBeGreaterThan(0);
      if (KILLS >= 100) expect(outcomes.get('already-landed') ?? 0).toBeGreaterThan(0);
      console.log(`crash test attempts: ${JSON.stringify(Object.fromEntries(outcomes))}`);
      console.log(
        `crash test: ${kills} kills (${lives.filter((l) => l.killedAfterReadyMs < 0).length} ` +
          `during start-up), ${journaled.size} sales journaled, ${reportedClosed.length} reported closed, ` +
          `${bills.reduce((n, b) => n + b.attempts, 0)} sends for them`,
      );
    } finally {
      await survivor.close();
    }
  }, 290_000);
});
