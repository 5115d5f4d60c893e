// What a chaos scenario is, and the workload most of them run: sales closed by `ccpos
// checkout` processes and the app's engine, replays in between, some processes killed.
import type { Rig, CommandRecord } from './rig.ts';

export interface Scenario {
  name: string;
  /** One line: what goes wrong in it. */
  summary: string;
  /** Why the scenario cannot run on this machine (then it is reported skipped), or null. */
  unavailable?(): Promise<string | null>;
  /** A data folder of its own (a small tmpfs), released by the returned function. */
  dataFolder?(dir: string): Promise<() => Promise<void>>;
  /**
   * Runs `checkouts` sales through the rig under the scenario's faults. The rig calms the faults and drains afterwards.
   */
  run(rig: Rig, checkouts: number): Promise<void>;
}

export interface Workload {
  checkouts: number;
  /** Sales in flight at once. */
  concurrency: number;
  /** Share of sales closed by the app's engine rather than `ccpos checkout`. */
  appShare: number;
  /** Till numbers the `ccpos checkout` processes take (the app is till 1). */
  cashdesks: number[];
  /** Chance a checkout is SIGKILLed, at a random instant within `killWithinMs`. */
  killChance: number;
  killWithinMs: number;
  /** A `ccpos replay` starts after every this many sales (0: none during the run). */
  replayEvery: number;
  replayKillChance: number;
  /** Each process's clock is off by up to this much, either way (0: true clocks). */
  skewMs: number;
  /** Called before each sale starts, with its number: a scenario changes its weather here. */
  beforeSale?(index: number): Promise<void> | void;
}

export async function runWorkload(rig: Rig, w: Workload): Promise<void> {
  const r = rig.random;
  const inFlight = new Set<Promise<CommandRecord>>();
  const replays = new Set<Promise<CommandRecord>>();
  const skew = () => (w.skewMs > 0 && r.chance(0.8) ? r.int(-w.skewMs, w.skewMs) : 0);
  for (let i = 0; i < w.checkouts; i++) {
    while (inFlight.size >= w.concurrency) await Promise.race(inFlight);
    await w.beforeSale?.(i);
    const sale = r.chance(w.appShare)
      ? rig.appSale()
      : rig.checkout({
          cashdesk: r.pick(w.cashdesks),
          skewMs: skew(),
          ...(r.chance(w.killChance) ? { killAfterMs: r.int(0, w.killWithinMs) } : {}),
        });
    inFlight.add(sale);
    void sale.finally(() => inFlight.delete(sale));
    // A short run still gets one replay while its last sales are in flight.
    const replayNow = (i + 1) % w.replayEvery === 0 || (w.checkouts < w.replayEvery && i === w.checkouts - 1);
    if (w.replayEvery > 0 && replayNow && replays.size < 2) {
      const replay = rig.replay({
        skewMs: skew(),
        maxSeconds: 15,
        ...(r.chance(w.replayKillChance) ? { killAfterMs: r.int(0, 3_000) } : {}),
      });
      replays.add(replay);
      void replay.finally(() => replays.delete(replay));
    }
  }
  await rig.idle();
}
