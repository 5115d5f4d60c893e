// Two processes on one journal whose wall clocks disagree by an hour: neither takes the
// other's claim while its sender still has time, and a lease still runs out by the time
// that has really passed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { SyncEngine } from '../../electron/sync/engine.ts';
import { FakePort } from '../sync/fake-port.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

const HOUR = 3_600_000;
let temp: ReturnType<typeof tempDir>;
let journals: Journal[];
const open = (now: () => number) => {
  const journal = Journal.open(join(temp.dir, 'journal.db'), { now });
  journals.push(journal);
  return journal;
};

beforeEach(() => {
  temp = tempDir();
  journals = [];
});
afterEach(() => {
  for (const journal of journals) journal.close();
  temp.cleanup();
});

describe('leases across clocks', () => {
  it('a process an hour ahead does not take a claim another process holds', () => {
    const till = open(() => Date.now());
    const entry = till.append(purchaseEntry());
    till.claimNext('app@till:1:aa', 35_000);
    let fast = Date.now() + HOUR;
    const replay = open(() => fast);
    expect(replay.releaseStaleClaims(() => true)).toBe(0);
    fast += 1_000;
    expect(replay.releaseStaleClaims(() => true)).toBe(0);
    expect(replay.claimNext('ccpos@till:2:bb', 35_000)).toBeNull();
    expect(till.get(entry.id)).toMatchObject({ state: 'sending', leaseOwner: 'app@till:1:aa' });
    // Once the lease's length has passed on the replay's own clock, the claim is given up.
    fast += 35_000;
    expect(replay.releaseStaleClaims(() => true)).toBe(1);
    expect(replay.get(entry.id)).toMatchObject({ state: 'pending' });
  });

  it('a process an hour behind still gives up a lease that really ran out', () => {
    let slow = Date.now() - HOUR;
    const replay = open(() => slow);
    const till = open(() => Date.now());
    const entry = till.append(purchaseEntry());
    till.claimNext('app@till:1:aa', 10_000);
    expect(replay.releaseStaleClaims(() => true)).toBe(0);
    slow += 10_000;
    expect(replay.releaseStaleClaims(() => true)).toBe(1);
    expect(till.get(entry.id)?.state).toBe('pending');
  });

  it("a replay engine whose clock runs an hour fast does not send another till's sale again", async () => {
    const till = open(() => Date.now());
    const entry = till.append(purchaseEntry());
    till.claimNext('app@till:1:aa', 35_000);
    const port = new FakePort();
    const engine = new SyncEngine({
      journal: open(() => Date.now() + HOUR),
      port,
      label: 'ccpos',
      policy: { ratePerSecond: 1000 },
    });
    const report = await engine.drain();
    await engine.stop();
    expect(report.synced).toEqual([]);
    expect(port.sends).toEqual([]);
    expect(till.get(entry.id)).toMatchObject({ state: 'sending', leaseOwner: 'app@till:1:aa' });
  });
});
