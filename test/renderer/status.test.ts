import { describe, expect, it } from 'vitest';
import { Clock } from '../../renderer/src/state/clock.svelte.ts';
import { DevicesState } from '../../renderer/src/state/devices.svelte.ts';
import { SyncState } from '../../renderer/src/state/sync.svelte.ts';
import { actionReport } from '../../renderer/src/state/queue-report.ts';

describe('sync status', () => {
  it('is unknown until the first report, then follows each one', () => {
    const clock = new Clock();
    const sync = new SyncState(clock);
    expect(sync.known).toBe(false);
    expect(sync.online).toBe(false);
    sync.apply({
      online: false,
      since: '2026-11-28T13:05:00.000Z',
      queueSize: 4,
      oldestPendingAgeMs: 60_000,
      needsAttention: 1,
    });
    expect(sync.known).toBe(true);
    expect(sync.online).toBe(false);
    expect(sync.since?.toISOString()).toBe('2026-11-28T13:05:00.000Z');
    expect(sync.queueSize).toBe(4);
    expect(sync.needsAttention).toBe(1);
  });

  it('counts the oldest pending sale’s age on between reports', () => {
    const clock = new Clock();
    const sync = new SyncState(clock);
    sync.apply({
      online: true,
      since: 'not a date',
      queueSize: 1,
      oldestPendingAgeMs: 5_000,
      needsAttention: 0,
    });
    clock.set(Date.now() + 10_000);
    expect(sync.oldestPendingAgeMs).toBeGreaterThanOrEqual(15_000);
    expect(sync.oldestPendingAgeMs).toBeLessThan(20_000);
    expect(sync.since).toBeNull();
    sync.apply({
      online: true,
      since: '2026-11-28T13:05:00.000Z',
      queueSize: 0,
      oldestPendingAgeMs: null,
      needsAttention: 0,
    });
    expect(sync.oldestPendingAgeMs).toBeNull();
  });
});

describe('a lost link to the main process', () => {
  it('is not online any more, and no late report says otherwise', () => {
    const sync = new SyncState(new Clock());
    sync.apply({
      online: true,
      since: '2026-11-28T13:05:00.000Z',
      queueSize: 0,
      oldestPendingAgeMs: null,
      needsAttention: 0,
    });
    expect(sync.online).toBe(true);
    sync.lost();
    expect(sync.linkLost).toBe(true);
    expect(sync.online).toBe(false);
    sync.apply({
      online: true,
      since: '2026-11-28T13:06:00.000Z',
      queueSize: 0,
      oldestPendingAgeMs: null,
      needsAttention: 0,
    });
    expect(sync.online).toBe(false);
  });
});

describe('what a queue action did', () => {
  it('says queued and why while CareCloud is unreachable, never done', () => {
    expect(actionReport('retry', { id: 7, state: 'pending' }, false)).toEqual({
      tone: 'warn',
      key: 'queue.report.unreachable',
      id: 7,
    });
    expect(actionReport('resend', { id: 8, state: 'sending' }, false)).toEqual({
      tone: 'warn',
      key: 'queue.report.unreachable',
      id: 8,
    });
  });

  it('follows the entry online: waiting, sending, then sent or refused', () => {
    expect(actionReport('retry', { id: 7, state: 'pending' }, true).key).toBe('queue.report.waiting');
    expect(actionReport('retry', { id: 7, state: 'sending' }, true).key).toBe('queue.report.sending');
    expect(actionReport('retry', { id: 7, state: 'synced' }, true)).toEqual({
      tone: 'ok',
      key: 'queue.report.sent',
      id: 7,
    });
    expect(actionReport('resend', { id: 9, state: 'synced' }, false).tone).toBe('ok');
    expect(actionReport('retry', { id: 7, state: 'rejected' }, true)).toEqual({
      tone: 'bad',
      key: 'queue.report.rejected',
      id: 7,
    });
  });

  it('calls a void done, and a voided entry after another action a warning', () => {
    expect(actionReport('void', { id: 7, state: 'voided' }, false)).toEqual({
      tone: 'ok',
      key: 'queue.report.voided',
      id: 7,
    });
    expect(actionReport('retry', { id: 7, state: 'voided' }, true).tone).toBe('warn');
  });
});

describe('devices status', () => {
  it('says keyboard mode when HID is unavailable or no scanner is connected', () => {
    const devices = new DevicesState();
    expect(devices.scanner).toBe('none');
    devices.apply({
      hid: 'ready',
      devices: [{ id: 'd1', name: 'Honeywell', kind: 'scanner', connected: true }],
      message: null,
      said: null,
    });
    expect(devices.scanner).toBe('hid');
    devices.apply({
      hid: 'ready',
      devices: [{ id: 'd1', name: 'Honeywell', kind: 'scanner', connected: false }],
      message: null,
      said: null,
    });
    expect(devices.scanner).toBe('keyboard');
    devices.apply({ hid: 'disabled', devices: [], message: null, said: { key: 'diag.dev.off' } });
    expect(devices.scanner).toBe('keyboard');
    devices.apply({
      hid: 'unavailable',
      devices: [],
      message: 'libusb missing',
      said: { key: 'diag.dev.unavailable.libusb', params: { command: '', detail: '' } },
    });
    expect(devices.scanner).toBe('keyboard');
    expect(devices.said?.key).toBe('diag.dev.unavailable.libusb');
  });
});
