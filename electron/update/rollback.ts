// Rolling back an update that does not start. The marker file remembers the version
// that last ran, whether it reached "ready" (the window showed the till), how many
// times it started without getting there, and what was kept of the version before it.
// Each start runs `onStart`; reaching ready runs `onReady`; an install runs `beforeInstall`.
import { z } from 'zod';

/** Starts without reaching ready before the previous version is put back. */
export const MAX_FAILED_STARTS = 3;

const keptSchema = z
  .object({ version: z.string().min(1).max(64), artifact: z.string().min(1).max(4096).nullable() })
  .strict();

export const versionMarkerSchema = z
  .object({
    version: z.string().min(1).max(64),
    /** Starts of `version` that have not reached ready (reset once it does). */
    failedStarts: z.int().min(0).max(1000),
    readyAt: z.number().nullable(),
    /** The version that ran before this one, and the file that can put it back (null: nothing kept). */
    previous: keptSchema.nullable(),
    /** Kept just before an install, from the version then running. */
    kept: keptSchema.nullable(),
    /** Versions that failed to start here: never offered again. */
    refused: z.array(z.string().min(1).max(64)).max(50),
  })
  .strict();

export type VersionMarker = z.infer<typeof versionMarkerSchema>;
export type Kept = z.infer<typeof keptSchema>;

export type StartDecision =
  | { action: 'run' }
  /** The running version failed too often and the previous one can be put back. */
  | { action: 'roll-back'; from: string; to: Kept & { artifact: string } }
  /** The running version keeps failing, but nothing of the previous one was kept. */
  | { action: 'run-cannot-roll-back'; failedStarts: number };

function fresh(version: string, previous: Kept | null, refused: string[]): VersionMarker {
  return { version, failedStarts: 1, readyAt: null, previous, kept: null, refused };
}

export function onStart(
  marker: VersionMarker | null,
  running: string,
): { marker: VersionMarker; decision: StartDecision } {
  if (marker === null) return { marker: fresh(running, null, []), decision: { action: 'run' } };
  if (marker.version !== running) {
    // A new version (an update) or an older one (a rollback): what ran before becomes previous.
    const previous: Kept =
      marker.kept?.version === marker.version ? marker.kept : { version: marker.version, artifact: null };
    const rolledBack = marker.previous?.version === running && marker.readyAt === null;
    const refused = rolledBack
      ? [...new Set([...marker.refused, marker.version])].slice(-50)
      : marker.refused;
    return { marker: fresh(running, rolledBack ? null : previous, refused), decision: { action: 'run' } };
  }
  const next: VersionMarker = {
    ...marker,
    failedStarts: marker.readyAt === null ? marker.failedStarts + 1 : 1,
    readyAt: null,
  };
  if (marker.readyAt !== null || next.failedStarts <= MAX_FAILED_STARTS)
    return { marker: next, decision: { action: 'run' } };
  const previous = marker.previous;
  if (previous && previous.artifact !== null)
    return {
      marker: next,
      decision: {
        action: 'roll-back',
        from: running,
        to: { version: previous.version, artifact: previous.artifact },
      },
    };
  return { marker: next, decision: { action: 'run-cannot-roll-back', failedStarts: next.failedStarts } };
}

export function onReady(marker: VersionMarker, now: number): VersionMarker {
  return { ...marker, failedStarts: 0, readyAt: now };
}

/** Records what was kept of the running version before an update replaces it. */
export function beforeInstall(marker: VersionMarker, kept: Kept): VersionMarker {
  return { ...marker, kept };
}

/** Whether a version from the feed may be installed here at all. */
export function mayOffer(marker: VersionMarker | null, version: string): boolean {
  return !marker?.refused.includes(version);
}

/** The marker file as read from disk: anything not a valid marker is treated as none. */
export function parseMarker(text: string | null): VersionMarker | null {
  if (text === null) return null;
  try {
    const parsed = versionMarkerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Exit status that asks systemd's `Restart=on-failure` to start the (restored) terminal again. */
export const RESTART_EXIT_CODE = 75;

export type RollbackPlan =
  /** Put the kept AppImage back in place of the running one and start it again. */
  | { kind: 'replace-appimage'; target: string; restart: 'systemd' | 'relaunch' }
  /** Run the kept installer (NSIS, silent): it asks for administrator rights on a per-machine install. */
  | { kind: 'run-installer' }
  | { kind: 'none'; why: string };

/** How the kept file of the previous version can be put back on this system. */
export function rollbackPlan(
  artifact: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): RollbackPlan {
  const lower = artifact.toLowerCase();
  if (lower.endsWith('.appimage')) {
    const target = env.APPIMAGE;
    if (platform !== 'linux' || !target || !target.startsWith('/'))
      return { kind: 'none', why: 'the terminal does not run from an AppImage now' };
    // systemd sets INVOCATION_ID for its services; a relaunched child there would be stopped with the unit.
    return { kind: 'replace-appimage', target, restart: env.INVOCATION_ID ? 'systemd' : 'relaunch' };
  }
  if (lower.endsWith('.exe'))
    return platform === 'win32'
      ? { kind: 'run-installer' }
      : { kind: 'none', why: 'a Windows installer cannot run here' };
  if (lower.endsWith('.deb'))
    return {
      kind: 'none',
      why: `installing a deb needs root: run sudo apt install --allow-downgrades ${artifact}`,
    };
  return { kind: 'none', why: `nothing installs ${artifact}` };
}
