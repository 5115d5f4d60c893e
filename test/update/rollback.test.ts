// The rollback decision over the version marker: an update that does not reach
// "ready" three starts running puts the previous version back, when something of it
// was kept, and is never offered to this terminal again.
import { describe, expect, it } from 'vitest';
import { installRestart } from '../../electron/update/restart.ts';
import {
  beforeInstall,
  MAX_FAILED_STARTS,
  mayOffer,
  onReady,
  onStart,
  parseMarker,
  RESTART_EXIT_CODE,
  rollbackPlan,
  type VersionMarker,
} from '../../electron/update/rollback.ts';

function startUntilDecision(marker: VersionMarker, version: string, starts: number) {
  let current = marker;
  let decision = onStart(current, version).decision;
  for (let i = 0; i < starts; i += 1) {
    const step = onStart(current, version);
    current = step.marker;
    decision = step.decision;
  }
  return { marker: current, decision };
}

describe('version marker', () => {
  it('runs a first install and counts its starts until ready', () => {
    const first = onStart(null, '1.0.0');
    expect(first.decision).toEqual({ action: 'run' });
    expect(first.marker).toMatchObject({ version: '1.0.0', failedStarts: 1, readyAt: null, previous: null });
    const ready = onReady(first.marker, 5);
    expect(ready).toMatchObject({ failedStarts: 0, readyAt: 5 });
    // A version that reached ready once starts afresh each time: one bad boot is not a rollback.
    expect(onStart(ready, '1.0.0').marker).toMatchObject({ failedStarts: 1, readyAt: null });
  });

  it('rolls back to the kept previous version after three starts that never reached ready', () => {
    const running = onReady(onStart(null, '1.0.0').marker, 5);
    const kept = beforeInstall(running, {
      version: '1.0.0',
      artifact: '/data/updates/kept/ccpos-1.0.0.AppImage',
    });
    const updated = onStart(kept, '1.1.0');
    expect(updated.decision).toEqual({ action: 'run' });
    expect(updated.marker.previous).toEqual({
      version: '1.0.0',
      artifact: '/data/updates/kept/ccpos-1.0.0.AppImage',
    });
    let marker = updated.marker;
    for (let start = 2; start <= MAX_FAILED_STARTS; start += 1) {
      const step = onStart(marker, '1.1.0');
      expect(step.decision).toEqual({ action: 'run' });
      marker = step.marker;
    }
    const fourth = onStart(marker, '1.1.0');
    expect(fourth.decision).toEqual({
      action: 'roll-back',
      from: '1.1.0',
      to: { version: '1.0.0', artifact: '/data/updates/kept/ccpos-1.0.0.AppImage' },
    });
    // The old version starts: the failed one is refused from now on.
    const back = onStart(fourth.marker, '1.0.0');
    expect(back.decision).toEqual({ action: 'run' });
    expect(back.marker.refused).toEqual(['1.1.0']);
    expect(mayOffer(back.marker, '1.1.0')).toBe(false);
    expect(mayOffer(back.marker, '1.1.1')).toBe(true);
  });

  it('keeps running, and says so, when nothing of the previous version was kept', () => {
    const running = onReady(onStart(null, '1.0.0').marker, 5);
    const updated = onStart(running, '1.1.0').marker;
    expect(updated.previous).toEqual({ version: '1.0.0', artifact: null });
    const { decision } = startUntilDecision(updated, '1.1.0', MAX_FAILED_STARTS);
    expect(decision).toEqual({ action: 'run-cannot-roll-back', failedStarts: MAX_FAILED_STARTS + 1 });
  });

  it('reads a damaged or foreign marker file as none', () => {
    expect(parseMarker(null)).toBeNull();
    expect(parseMarker('{')).toBeNull();
    expect(parseMarker(JSON.stringify({ version: '1.0.0' }))).toBeNull();
    expect(parseMarker(JSON.stringify({ ...onStart(null, '1.0.0').marker, extra: 1 }))).toBeNull();
    const good = onStart(null, '1.0.0').marker;
    expect(parseMarker(JSON.stringify(good))).toEqual(good);
  });
});

describe('putting the previous version back', () => {
  it('replaces the running AppImage and restarts through systemd where systemd runs the terminal', () => {
    expect(
      rollbackPlan('/d/updates/kept/ccpos-1.0.0.AppImage', 'linux', {
        APPIMAGE: '/home/till/ccpos.AppImage',
        INVOCATION_ID: 'abc',
      }),
    ).toEqual({ kind: 'replace-appimage', target: '/home/till/ccpos.AppImage', restart: 'systemd' });
    expect(
      rollbackPlan('/d/updates/kept/ccpos-1.0.0.AppImage', 'linux', {
        APPIMAGE: '/home/till/ccpos.AppImage',
      }),
    ).toMatchObject({ restart: 'relaunch' });
    expect(rollbackPlan('/d/updates/kept/ccpos-1.0.0.AppImage', 'linux', {})).toMatchObject({ kind: 'none' });
    expect(
      rollbackPlan('/d/updates/kept/ccpos-1.0.0.AppImage', 'linux', { APPIMAGE: 'relative.AppImage' }),
    ).toMatchObject({ kind: 'none' });
  });

  it('runs a kept Windows installer, and says what to do with a deb', () => {
    expect(rollbackPlan('C:\\data\\updates\\kept\\ccpos-1.0.0.exe', 'win32', {})).toEqual({
      kind: 'run-installer',
    });
    expect(rollbackPlan('/d/updates/kept/ccpos-1.0.0.deb', 'linux', {})).toEqual({
      kind: 'none',
      why: 'installing a deb needs root: run sudo apt install --allow-downgrades /d/updates/kept/ccpos-1.0.0.deb',
    });
  });
});

describe('coming back after an install', () => {
  it('lets systemd restart the terminal where it runs it, and electron-updater elsewhere', () => {
    expect(installRestart({ INVOCATION_ID: 'abc' })).toEqual({
      runAfter: false,
      exitCode: RESTART_EXIT_CODE,
    });
    expect(installRestart({ INVOCATION_ID: 'abc', APPIMAGE: '/home/till/ccpos.AppImage' })).toEqual({
      runAfter: true,
      exitCode: RESTART_EXIT_CODE,
    });
    expect(installRestart({})).toEqual({ runAfter: true, exitCode: null });
  });
});
