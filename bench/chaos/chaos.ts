// Runs the chaos scenarios against one sandbox: each gets a fresh data folder, its faults,
// then calm and a final drain, and is counted. `npm run chaos` (bench/chaos/cli.ts) and the
// short form in test/chaos/short.test.ts both come here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rig } from './rig.ts';
import { seededRandom } from './random.ts';
import { startChaosSandbox, type ChaosSandbox } from './sandbox.ts';
import { scenarios as allScenarios } from './scenarios/index.ts';
import type { Scenario } from './scenario.ts';
import { faultCount, readJournal, tally, type Tally } from './tally.ts';

export interface ChaosOptions {
  seed: number;
  /** Sales across all scenarios that run (each gets an equal share, at least 2). */
  checkouts: number;
  /** Names of the scenarios to run; all when absent. */
  only?: string[];
  log?: (line: string) => void;
  /** Prints every command as it ends. */
  verbose?: boolean;
}

/** The faults that actually struck in a scenario, so a clean result is not a quiet one. */
export interface Injected {
  /** Processes SIGKILLed by the rig. */
  killed: number;
  /** Answers the proxy dropped after CareCloud acted, answered as broken JSON or as HTML, or a portal intercepted. */
  dropped: number;
  brokenJson: number;
  html: number;
  intercepted: number;
  /** What the sandbox itself did: answers cut mid-body, requests left hanging, 5xx and 429 answers. */
  cutMidBody: number;
  hanging: number;
  failed: number;
  rateLimited: number;
}

export type ScenarioResult =
  | { name: string; summary: string; skipped: string }
  | ({
      name: string;
      summary: string;
      skipped: null;
      error: string | null;
      durationMs: number;
      injected: Injected;
    } & Tally);

export interface ChaosReport {
  seed: number;
  checkouts: number;
  startedAt: string;
  durationMs: number;
  scenarios: ScenarioResult[];
  total: Omit<Tally, 'findings' | 'commands' | 'longestHang'> & {
    commands: Tally['commands'];
    errors: number;
  };
}

/**
 * `bin/ccpos.js`, what a support person runs; its bundle is rebuilt here first when a source is newer, once for the
 * run.
 */
async function ccposBin(): Promise<string> {
  const { buildCliIfStale } = (await import(new URL('../../scripts/build-cli.js', import.meta.url).href)) as {
    buildCliIfStale(): Promise<boolean>;
  };
  await buildCliIfStale();
  return fileURLToPath(new URL('../../bin/ccpos.js', import.meta.url));
}

const FINAL_REPLAYS = 3;

async function runScenario(
  scenario: Scenario,
  options: ChaosOptions,
  sandbox: ChaosSandbox,
  ccpos: string,
  checkouts: number,
): Promise<ScenarioResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), `ccpos-chaos-${scenario.name}-`));
  const workDir = mkdtempSync(join(tmpdir(), `ccpos-chaos-work-`));
  let release: (() => Promise<void>) | null = null;
  let rig: Rig | null = null;
  let error: string | null = null;
  try {
    release = (await scenario.dataFolder?.(dataDir)) ?? null;
    sandbox.control.reset();
    rig = await Rig.open({
      scenario: scenario.name,
      sandbox,
      ccpos,
      dataDir,
      workDir,
      random: seededRandom(options.seed).fork(scenario.name),
      ...(options.verbose ? { log } : {}),
    });
    try {
      await scenario.run(rig, checkouts);
    } catch (failure) {
      error = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
    }
    // Calm: every fault off. Whatever is journaled must now reach CareCloud.
    await rig.calm();
    await rig.idle();
    const drainStarted = Date.now();
    await rig.closeApp();
    let drained = false;
    for (let attempt = 0; attempt < FINAL_REPLAYS && !drained; attempt++) {
      const replay = await rig.replay({ maxSeconds: 60 });
      drained = replay.code === 0;
    }
    const drainMs = Date.now() - drainStarted;
    const counted = tally({
      journal: readJournal(join(dataDir, 'journal.db')),
      purchases: await sandbox.purchases(),
      records: rig.records,
      drainMs,
      drained,
    });
    const requests = sandbox.control.requests();
    const proxy = rig.proxyCounts;
    const injected: Injected = {
      killed: counted.commands.killed,
      dropped: proxy.dropped,
      brokenJson: proxy.garbage,
      html: proxy.html,
      intercepted: proxy.intercepted,
      cutMidBody: requests.filter((q) => q.outcome === 'dropped').length,
      hanging: requests.filter((q) => q.outcome === 'hung').length,
      failed: requests.filter((q) => q.outcome === 'failed').length,
      rateLimited: requests.filter((q) => q.status === 429).length,
    };
    return {
      name: scenario.name,
      summary: scenario.summary,
      skipped: null,
      error,
      durationMs: Date.now() - started,
      injected,
      ...counted,
    };
  } finally {
    await rig?.close().catch(() => {});
    await release?.().catch((failure: unknown) =>
      log(`  could not release the data folder of ${scenario.name}: ${String(failure)}`),
    );
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  const startedAt = new Date();
  const chosen = options.only?.length
    ? allScenarios.filter((s) => options.only!.includes(s.name))
    : allScenarios;
  const unknown = (options.only ?? []).filter((name) => !allScenarios.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new Error(
      `No scenario ${unknown.join(', ')}; there are ${allScenarios.map((s) => s.name).join(', ')}.`,
    );
  const ccpos = await ccposBin();
  const sandbox = await startChaosSandbox();
  const results: ScenarioResult[] = [];
  try {
    const runnable: Scenario[] = [];
    for (const scenario of chosen) {
      const why = (await scenario.unavailable?.()) ?? null;
      if (why) results.push({ name: scenario.name, summary: scenario.summary, skipped: why });
      else runnable.push(scenario);
    }
    const share = Math.max(2, Math.round(options.checkouts / Math.max(1, runnable.length)));
    for (const scenario of runnable) {
      log(`${scenario.name}: ${scenario.summary} (${share} sales)`);
      const result = await runScenario(scenario, options, sandbox, ccpos, share);
      results.push(result);
      if (result.skipped === null) {
        log(`  ${describe(result)}; ${(result.durationMs / 1000).toFixed(1)} s`);
        log(
          `  faults that struck: ${
            Object.entries(result.injected)
              .filter(([, n]) => n > 0)
              .map(([name, n]) => `${name} ${n}`)
              .join(', ') || 'none'
          }`,
        );
        for (const finding of result.findings.slice(0, 20)) log(`  ! ${finding}`);
        if (result.error) log(`  ! the scenario failed: ${result.error}`);
      }
    }
  } finally {
    await sandbox.close();
  }
  const ran = results.filter((r): r is Extract<ScenarioResult, { skipped: null }> => r.skipped === null);
  const sum = (pick: (r: Tally) => number) => ran.reduce((n, r) => n + pick(r), 0);
  const total: ChaosReport['total'] = {
    journaled: sum((r) => r.journaled),
    inCareCloud: sum((r) => r.inCareCloud),
    lost: sum((r) => r.lost),
    doubled: sum((r) => r.doubled),
    failedButLanded: sum((r) => r.failedButLanded),
    unjournaled: sum((r) => r.unjournaled),
    hung: sum((r) => r.hung),
    longestHangMs: Math.max(0, ...ran.map((r) => r.longestHangMs)),
    rejected: sum((r) => r.rejected),
    voided: sum((r) => r.voided),
    commands: {
      checkouts: sum((r) => r.commands.checkouts),
      replays: sum((r) => r.commands.replays),
      appSales: sum((r) => r.commands.appSales),
      voids: sum((r) => r.commands.voids),
      killed: sum((r) => r.commands.killed),
    },
    errors: ran.filter((r) => r.error !== null).length,
  };
  // Skipped scenarios were listed first; the report keeps the run's order.
  const order = chosen.map((s) => s.name);
  results.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return {
    seed: options.seed,
    checkouts: options.checkouts,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    scenarios: results,
    total,
  };
}

/** Whether the run found nothing: every count but journaled and in CareCloud is 0, and no scenario broke. */
export function clean(report: ChaosReport): boolean {
  return faultCount(report.total) === 0 && report.total.errors === 0;
}

function describe(r: Tally): string {
  return (
    `journaled ${r.journaled}, in CareCloud ${r.inCareCloud}, lost ${r.lost}, doubled ${r.doubled}, ` +
    `reported failed but landed ${r.failedButLanded}, unjournaled ${r.unjournaled}, hung ${r.hung}, ` +
    `longest hang ${(r.longestHangMs / 1000).toFixed(1)} s (${r.longestHang})`
  );
}
