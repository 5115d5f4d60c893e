// The queue screen's pager: it asks for pages only by the cursors main answered, and counts where
// each page starts, even when a refresh after a pushed status overtakes a page being turned to.
import { describe, expect, it } from 'vitest';
import type { QueuePage } from '../../shared/checkout/answers.ts';
import type { PayloadOf } from '../../shared/ipc/index.ts';
import { ManagerQueueState } from '../../renderer/src/state/manager-queue.svelte.ts';
import { deferred, fakeMain, ok } from './fake-main.ts';

const counts = { pending: 45, sending: 0, synced: 0, rejected: 0, voided: 0 };

/** Main's answer for ids from..to of 45 entries, with the cursors it would write. */
function pageOf(from: number, to: number): QueuePage {
  const entries = Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i }));
  return {
    entries: entries as QueuePage['entries'],
    total: 45,
    counts,
    oldestPendingAgeMs: 1_000,
    next: to < 45 ? `after.${to}` : null,
    previous: from > 1 ? `before.${from}` : null,
    last: to < 45 ? 'last' : null,
  };
}

function answerFor(payload: PayloadOf<'queue.list'>): QueuePage {
  const cursor = payload.page.cursor;
  if (cursor === undefined) return pageOf(1, 20);
  if (cursor === 'last') return pageOf(26, 45);
  const [at, id] = cursor.split('.') as ['after' | 'before', string];
  const n = Number(id);
  return at === 'after' ? pageOf(n + 1, Math.min(45, n + 20)) : pageOf(Math.max(1, n - 20), n - 1);
}

describe("the queue screen's pager", () => {
  it('turns by the cursors main answered and shows where each page starts', async () => {
    const main = fakeMain({ 'queue.list': (payload) => ok(answerFor(payload)) });
    const queue = new ManagerQueueState(
      main.pos,
      () => 'Europe/Prague',
      20,
      () => 'en',
    );
    await queue.apply();
    expect(queue.page.value).toMatchObject({ from: 1, total: 45 });
    expect([queue.hasPrevious, queue.hasNext]).toEqual([false, true]);
    await queue.turn('previous');
    await queue.turn('next');
    expect(queue.page.value!.from).toBe(21);
    await queue.turn('next');
    expect(queue.page.value).toMatchObject({ from: 41, entries: { length: 5 } });
    expect([queue.hasPrevious, queue.hasNext]).toEqual([true, false]);
    await queue.turn('next');
    await queue.turn('previous');
    expect(queue.page.value!.from).toBe(21);
    await queue.turn('last');
    expect(queue.page.value!.from).toBe(26);
    await queue.turn('first');
    expect(queue.page.value!.from).toBe(1);
    const cursors = main.calls.map((c) => (c.payload as PayloadOf<'queue.list'>).page.cursor);
    // No call for a page that does not exist; every cursor is one main wrote.
    expect(cursors).toEqual([undefined, 'after.20', 'after.40', 'before.41', 'last', undefined]);
  });

  it('keeps the count of a turn that a refresh overtook', async () => {
    const held = deferred<ReturnType<typeof ok<QueuePage>>>();
    let hold = false;
    const main = fakeMain({
      'queue.list': (payload) => (hold ? ((hold = false), held.promise) : ok(answerFor(payload))),
    });
    const queue = new ManagerQueueState(
      main.pos,
      () => 'Europe/Prague',
      20,
      () => 'en',
    );
    await queue.apply();
    hold = true;
    const turning = queue.turn('next');
    await queue.refresh();
    expect(queue.page.value!.entries[0]!.id).toBe(21);
    expect(queue.page.value!.from).toBe(21);
    held.resolve(ok(pageOf(21, 40)));
    await turning;
    expect(queue.page.value!.from).toBe(21);
    await queue.turn('next');
    expect(queue.page.value!.from).toBe(41);
  });
});
