// The terminal's updates while it runs: check the shop's feed every few hours, let
// electron-updater download (and verify) in the background, then install only at an
// idle moment (idle.ts) unless a manager postponed it (postpone.ts). Installing quits
// the app through its normal quit, which stops the sync engine and closes the journal.
import type { AppUpdater, UpdateDownloadedEvent } from 'electron-updater';
import type { UpdateStatus } from '../../shared/updates.ts';
import type { UpdateSettings } from '../../shared/settings.ts';
import type { Logger } from '../log/logger.ts';
import { updateFeed } from './feed.ts';
import { installVerdict, type TerminalActivity } from './idle.ts';
import {
  postpone,
  postponedUntil,
  POSTPONE_LIMIT_HOURS,
  type Postponement,
  type PostponeResult,
  type ReadyUpdate,
} from './postpone.ts';
import { installRestart } from './restart.ts';
import { beforeInstall, mayOffer } from './rollback.ts';
import type { UpdateFiles } from './update-files.ts';
import { configureUpdater } from './updater.ts';

const HOUR = 3_600_000;

export interface UpdateServiceOptions {
  /** Null where the app cannot update itself (not packaged). */
  updater: AppUpdater | null;
  settings: UpdateSettings;
  currentVersion: string;
  files: UpdateFiles;
  /** Null while the terminal is not running (starting, or closing). */
  activity: () => TerminalActivity | null;
  logger: Logger;
  platform?: NodeJS.Platform;
  arch?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** How often a downloaded update looks for an idle moment. */
  idleCheckMs?: number;
  /** Called just before the install quits the app, with the exit status to quit with (null: 0). */
  onInstall?: (exitCode: number | null) => void;
}

export class UpdateService {
  readonly #options: UpdateServiceOptions;
  readonly #now: () => number;
  #state: UpdateStatus['state'] = 'off';
  #ready: (ReadyUpdate & { file: string }) | null = null;
  #postponement: Postponement | null = null;
  #lastCheckedAt: number | null = null;
  #problem: string | null = null;
  #timers: ReturnType<typeof setInterval>[] = [];
  #installing = false;

  constructor(options: UpdateServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Starts checking; does nothing without a server in the settings or where the app cannot update. */
  start(): void {
    const { updater, settings, files } = this.#options;
    const feed = updateFeed(
      settings,
      this.#options.platform ?? process.platform,
      this.#options.arch ?? process.arch,
    );
    if (!updater || !feed) return;
    configureUpdater(updater, feed, {
      terminalId: files.terminalId(),
      mayOffer: (version) => mayOffer(files.readMarker(), version),
    });
    updater.on('update-available', () => (this.#state = 'downloading'));
    updater.on('update-not-available', () => (this.#state = 'up-to-date'));
    updater.on('update-downloaded', (event: UpdateDownloadedEvent) => this.#downloaded(event));
    updater.on('error', (error: Error) => {
      // An install that failed (no dpkg, a refused password) leaves the app running: try again at the next idle moment.
      this.#installing = false;
      this.#state = this.#ready ? 'ready' : 'failed';
      this.#problem = error.message.split('\n')[0] ?? 'unknown problem';
      this.#options.logger.log('warn', 'update.failed', {
        code: (error as Error & { code?: string }).code ?? 'unknown',
      });
    });
    this.#state = 'checking';
    void this.check();
    this.#timers.push(setInterval(() => void this.check(), settings.checkHours * HOUR));
    this.#timers.push(setInterval(() => this.tryInstall(), this.#options.idleCheckMs ?? 30_000));
    for (const timer of this.#timers) timer.unref?.();
  }

  async check(): Promise<void> {
    const { updater } = this.#options;
    if (!updater || this.#ready || this.#installing) return;
    this.#lastCheckedAt = this.#now();
    if (this.#state !== 'downloading') this.#state = 'checking';
    try {
      const result = await updater.checkForUpdates();
      if (result === null) {
        // electron-updater is not active here (an AppImage started other than as an AppImage, say).
        this.#state = 'off';
        this.#problem = 'this installation cannot update itself';
        return;
      }
      // The download runs on; the 'update-downloaded' event says when it is verified and complete.
      if (result.downloadPromise) await result.downloadPromise;
    } catch {
      // Reported through the updater's 'error' event.
    }
  }

  #downloaded(event: UpdateDownloadedEvent): void {
    const { files, currentVersion, logger } = this.#options;
    // Keep the installer for a later rollback from the version after it (an AppImage is kept when it is replaced).
    if (!event.downloadedFile.toLowerCase().endsWith('.appimage')) {
      try {
        files.keep(event.version, event.downloadedFile);
      } catch {
        logger.log('warn', 'update.keep.failed', { version: event.version });
      }
    }
    files.prune([currentVersion, event.version]);
    this.#ready = { version: event.version, readyAt: this.#now(), file: event.downloadedFile };
    this.#state = 'ready';
    this.#problem = null;
    logger.log('info', 'update.ready', { version: event.version });
    this.tryInstall();
  }

  /** Installs the downloaded update if the terminal is idle now; true when it started installing. */
  tryInstall(): boolean {
    const ready = this.#ready;
    const { updater } = this.#options;
    if (!ready || !updater || this.#installing) return false;
    const activity = this.#options.activity();
    if (!activity) return false;
    const verdict = installVerdict(activity, postponedUntil(this.#postponement, ready), this.#now());
    if (!verdict.install) return false;
    this.#installing = true;
    const { files, currentVersion, logger } = this.#options;
    const env = this.#options.env ?? process.env;
    const marker = files.readMarker();
    if (marker) {
      let kept = files.kept(currentVersion);
      try {
        if (env.APPIMAGE) kept = files.keep(currentVersion, env.APPIMAGE);
      } catch {
        logger.log('warn', 'update.keep.failed', { version: currentVersion });
      }
      files.writeMarker(beforeInstall(marker, kept ?? { version: currentVersion, artifact: null }));
    }
    logger.log('info', 'update.install', {
      from: currentVersion,
      to: ready.version,
      pendingKept: verdict.pendingKept,
    });
    const restart = installRestart(env);
    this.#options.onInstall?.(restart.exitCode);
    updater.quitAndInstall(true, restart.runAfter);
    return true;
  }

  postpone(hours: number, by: string): PostponeResult {
    const result = postpone(this.#ready, hours, by, this.#now());
    if (result.ok) {
      this.#postponement = result.value;
      this.#options.logger.log('info', 'update.postponed', { version: result.value.version, hours });
    }
    return result;
  }

  status(): UpdateStatus {
    const ready = this.#ready;
    const until = postponedUntil(this.#postponement, ready);
    const now = this.#now();
    let waitingFor: UpdateStatus['waitingFor'] = [];
    if (ready) {
      const activity = this.#options.activity();
      const verdict = activity ? installVerdict(activity, until, now) : null;
      waitingFor = verdict === null ? ['starting'] : verdict.install ? [] : verdict.blockers;
    }
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
    return {
      state: this.#state,
      channel: this.#options.settings.channel,
      currentVersion: this.#options.currentVersion,
      readyVersion: ready?.version ?? null,
      waitingFor,
      postponedUntil: until !== null && until > now ? iso(until) : null,
      postponeLimit: ready ? iso(ready.readyAt + POSTPONE_LIMIT_HOURS * HOUR) : null,
      lastCheckedAt: iso(this.#lastCheckedAt),
      problem: this.#problem,
    };
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
  }
}
