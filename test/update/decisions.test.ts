// The update decisions, pure: which feed, whether this terminal is in a staged
// rollout, whether now is a moment to install, a manager's postponement.
import { describe, expect, it } from 'vitest';
import { feedFile, updateFeed } from '../../electron/update/feed.ts';
import { installVerdict, type TerminalActivity } from '../../electron/update/idle.ts';
import {
  MAX_POSTPONE_HOURS,
  postpone,
  postponedUntil,
  POSTPONE_LIMIT_HOURS,
} from '../../electron/update/postpone.ts';
import { inRollout, rolloutPlace, stagingPercentage } from '../../electron/update/rollout.ts';
import { defaultSettings } from '../../shared/settings.ts';

const HOUR = 3_600_000;

describe('update feed', () => {
  it('reads nothing without a server, and the channel file for the platform with one', () => {
    expect(updateFeed(defaultSettings.updates, 'linux', 'x64')).toBeNull();
    expect(
      updateFeed(
        { url: 'https://updates.shop.example/ccpos', channel: 'stable', checkHours: 4 },
        'linux',
        'x64',
      ),
    ).toEqual({
      baseUrl: 'https://updates.shop.example/ccpos',
      channel: 'latest',
      url: 'https://updates.shop.example/ccpos/latest-linux.yml',
    });
    expect(
      updateFeed({ url: 'https://u.example', channel: 'pilot', checkHours: 4 }, 'win32', 'x64')?.url,
    ).toBe('https://u.example/pilot.yml');
    expect(feedFile('pilot', 'linux', 'arm64')).toBe('pilot-linux-arm64.yml');
    expect(feedFile('stable', 'darwin', 'arm64')).toBe('latest-mac.yml');
  });
});

describe('staged rollout', () => {
  it('places a terminal at the same point every time, spread over 0–100', () => {
    expect(rolloutPlace('till-7')).toBe(rolloutPlace('till-7'));
    const places = Array.from({ length: 2000 }, (_, i) => rolloutPlace(`terminal-${i}`));
    expect(places.every((p) => p >= 0 && p < 100)).toBe(true);
    const underTwenty = places.filter((p) => p < 20).length;
    // 2000 draws at 20%: 400 expected, and 330–470 is over five standard deviations wide.
    expect(underTwenty).toBeGreaterThan(330);
    expect(underTwenty).toBeLessThan(470);
  });

  it('takes a terminal in only while its place is under the percentage; a growing percentage never drops one', () => {
    const id = 'till-42';
    const place = rolloutPlace(id);
    expect(inRollout(id, Math.ceil(place))).toBe(true);
    expect(inRollout(id, Math.floor(place))).toBe(false);
    expect(inRollout(id, 100)).toBe(true);
    expect(inRollout(id, 0)).toBe(false);
    expect(inRollout(id, undefined)).toBe(true);
    const ids = Array.from({ length: 200 }, (_, i) => `t${i}`);
    for (const p of [5, 20, 50, 80]) {
      const now = ids.filter((t) => inRollout(t, p));
      expect(now.every((t) => inRollout(t, p + 10))).toBe(true);
    }
  });

  it('refuses a malformed percentage rather than reaching every terminal', () => {
    expect(stagingPercentage('25')).toBe(25);
    expect(stagingPercentage(null)).toBe(100);
    for (const bad of ['25%', 'all', -1, 101, NaN, {}, [], true]) {
      expect(stagingPercentage(bad)).toBeNull();
      expect(inRollout('till-1', bad)).toBe(false);
    }
  });
});

describe('installing only when the terminal is idle', () => {
  const idle: TerminalActivity = { saleOpen: false, shiftClosing: false, sending: 0, pending: 0 };
  const now = 1_000 * HOUR;

  it('installs when nothing is open and nothing is in flight; pending entries stay in the journal', () => {
    expect(installVerdict(idle, null, now)).toEqual({ install: true, pendingKept: 0 });
    expect(installVerdict({ ...idle, pending: 12 }, null, now)).toEqual({ install: true, pendingKept: 12 });
  });

  it('names every reason to wait', () => {
    expect(installVerdict({ ...idle, saleOpen: true }, null, now)).toEqual({
      install: false,
      blockers: ['sale-open'],
    });
    expect(
      installVerdict({ saleOpen: true, shiftClosing: true, sending: 2, pending: 3 }, now + 1, now),
    ).toEqual({
      install: false,
      blockers: ['postponed', 'sale-open', 'shift-closing', 'journal-sending'],
    });
    expect(installVerdict({ ...idle, sending: 1 }, null, now)).toEqual({
      install: false,
      blockers: ['journal-sending'],
    });
  });

  it('installs once a postponement has run out', () => {
    expect(installVerdict(idle, now - 1, now)).toEqual({ install: true, pendingKept: 0 });
    expect(installVerdict(idle, now, now)).toEqual({ install: true, pendingKept: 0 });
  });
});

describe('a manager postpones', () => {
  const ready = { version: '1.4.0', readyAt: 100 * HOUR };

  it('by whole hours, up to a day at a time', () => {
    expect(postpone(ready, 4, 'mgr-1', 101 * HOUR)).toEqual({
      ok: true,
      value: { version: '1.4.0', until: 105 * HOUR, by: 'mgr-1' },
    });
    expect(postpone(ready, MAX_POSTPONE_HOURS + 1, 'mgr-1', 101 * HOUR)).toEqual({
      ok: false,
      reason: 'invalid-hours',
    });
    expect(postpone(ready, 0, 'mgr-1', 101 * HOUR)).toEqual({ ok: false, reason: 'invalid-hours' });
    expect(postpone(ready, 1.5, 'mgr-1', 101 * HOUR)).toEqual({ ok: false, reason: 'invalid-hours' });
    expect(postpone(null, 4, 'mgr-1', 101 * HOUR)).toEqual({ ok: false, reason: 'nothing-to-postpone' });
  });

  it('never past three days after the update was ready', () => {
    const limit = ready.readyAt + POSTPONE_LIMIT_HOURS * HOUR;
    expect(postpone(ready, 24, 'mgr-1', limit - 2 * HOUR)).toEqual({
      ok: true,
      value: { version: '1.4.0', until: limit, by: 'mgr-1' },
    });
    expect(postpone(ready, 1, 'mgr-1', limit)).toEqual({ ok: false, reason: 'limit-reached' });
  });

  it('counts only for the version it was made for', () => {
    const made = { version: '1.4.0', until: 105 * HOUR, by: 'mgr-1' };
    expect(postponedUntil(made, ready)).toBe(105 * HOUR);
    expect(postponedUntil(made, { version: '1.5.0', readyAt: 104 * HOUR })).toBeNull();
    expect(postponedUntil(null, ready)).toBeNull();
  });
});
