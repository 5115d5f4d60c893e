import { crashFolder, listCrashDumps } from '../../crash/crash-reports.ts';
import { pass, say, skip, warn, type DoctorCheck } from '../check.ts';

const SHOWN = 3;
const RECENT_DAYS = 7;
const DAY = 86_400_000;

/** Crashes leave minidumps in the data folder; a recent one is worth a look (and a copy for support). */
export const crashDumpsCheck: DoctorCheck = {
  id: 'crash-dumps',
  title: 'Crash reports',
  async run({ dataDir, settings, now }) {
    if (dataDir === undefined) return skip('no data folder is in use', say('diag.data.none'));
    const folder = crashFolder(dataDir);
    const dumps = listCrashDumps(folder);
    const upload =
      settings.crashReports.uploadUrl === ''
        ? 'kept on this terminal only'
        : `uploaded to ${new URL(settings.crashReports.uploadUrl).host}`;
    const kept =
      settings.crashReports.uploadUrl === ''
        ? say('diag.crash.kept')
        : say('diag.crash.uploaded', { host: new URL(settings.crashReports.uploadUrl).host });
    if (dumps.length === 0)
      return pass(`no crash dumps in ${folder} (${upload})`, say('diag.crash.none', { folder }), kept);
    const recent = dumps.filter((d) => now() - d.modifiedAt < RECENT_DAYS * DAY);
    const shown = dumps
      .slice(0, SHOWN)
      .map((d) => `${d.path} (${new Date(d.modifiedAt).toISOString()}, ${Math.ceil(d.bytes / 1024)} KiB)`)
      .join(', ');
    const more = dumps.length > SHOWN ? ` and ${dumps.length - SHOWN} more` : '';
    const summary = `${dumps.length} crash ${dumps.length === 1 ? 'dump' : 'dumps'} (${upload}): ${shown}${more}`;
    const found = say('diag.crash.found', { count: dumps.length, folder });
    if (recent.length === 0)
      return pass(
        `${summary}; none in the last ${RECENT_DAYS} days`,
        found,
        say('diag.crash.noneRecent', { days: RECENT_DAYS }),
        kept,
      );
    return warn(
      `${recent.length} in the last ${RECENT_DAYS} days. ${summary}. Send them to support with the logs folder.`,
      found,
      say('diag.crash.recent', { recent: recent.length, days: RECENT_DAYS }),
      kept,
    );
  },
};
