// The update service in the Electron app: the version marker's verdict at each start
// (rolling back a version that keeps failing), then electron-updater once the window
// is up. Everything that decides lives in the pure modules beside this one.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, renameSync } from 'node:fs';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { UpdateSettings } from '../../shared/settings.ts';
import type { Logger } from '../log/logger.ts';
import type { TerminalActivity } from './idle.ts';
import { onReady, onStart, RESTART_EXIT_CODE, rollbackPlan, type RollbackPlan } from './rollback.ts';
import { UpdateService } from './service.ts';
import { updateFiles } from './update-files.ts';

export interface AppUpdates {
  /** True when this start handed over to the previous version: start nothing else. */
  readonly rolledBack: boolean;
  /** Starts update checks with the terminal's settings; call once the till is on screen. */
  ready(settings: UpdateSettings): UpdateService;
  readonly service: UpdateService | null;
}

/** Puts the kept previous version in place and ends this process; false where nothing can be done here. */
function handOver(plan: RollbackPlan, artifact: string): boolean {
  if (plan.kind === 'replace-appimage') {
    copyFileSync(artifact, `${plan.target}.rollback`);
    chmodSync(`${plan.target}.rollback`, 0o755);
    renameSync(`${plan.target}.rollback`, plan.target);
    if (plan.restart === 'relaunch') app.relaunch({ execPath: plan.target });
    app.exit(plan.restart === 'systemd' ? RESTART_EXIT_CODE : 0);
    return true;
  }
  if (plan.kind === 'run-installer') {
    spawn(artifact, ['/S', '--force-run'], { detached: true, stdio: 'ignore' }).unref();
    app.exit(0);
    return true;
  }
  return false;
}

export function startAppUpdates(
  dataDir: string,
  logger: Logger,
  activity: () => TerminalActivity | null,
): AppUpdates {
  const files = updateFiles(dataDir);
  const version = app.getVersion();
  const { marker, decision } = onStart(files.readMarker(), version);
  files.writeMarker(marker);
  let rolledBack = false;
  if (decision.action === 'run-cannot-roll-back')
    logger.log('error', 'update.failing', { version, failedStarts: decision.failedStarts });
  if (decision.action === 'roll-back') {
    const plan = rollbackPlan(decision.to.artifact, process.platform, process.env);
    logger.log('error', 'update.rollback', { from: decision.from, to: decision.to.version, plan: plan.kind });
    try {
      rolledBack = handOver(plan, decision.to.artifact);
    } catch (error) {
      // The failing version keeps running rather than none at all; the log says why.
      logger.log('error', 'update.rollback.failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (plan.kind === 'none') logger.log('error', 'update.rollback.impossible', { why: plan.why });
  }
  let service: UpdateService | null = null;
  return {
    rolledBack,
    get service() {
      return service;
    },
    ready(settings) {
      const current = files.readMarker();
      if (current) files.writeMarker(onReady(current, Date.now()));
      service = new UpdateService({
        updater: app.isPackaged ? electronUpdater.autoUpdater : null,
        settings,
        currentVersion: version,
        files,
        activity,
        logger,
        onInstall(exitCode) {
          // Once the terminal has closed (before-quit), leave with the status that makes systemd start the new version.
          if (exitCode !== null) app.once('will-quit', () => app.exit(exitCode));
        },
      });
      service.start();
      return service;
    },
  };
}
