import { findWrongModes, octal } from '../../config/file-modes.ts';
import { fail, pass, say, skip, type DoctorCheck } from '../check.ts';

const SHOWN = 5;

/** The data folder holds card numbers, PIN hashes and customers: nobody but its owner may read it. */
export const dataFolderCheck: DoctorCheck = {
  id: 'data-folder',
  title: 'Data folder permissions',
  async run({ dataDir }) {
    if (dataDir === undefined) return skip('no data folder is in use', say('diag.data.none'));
    if (process.platform === 'win32')
      return skip('Windows protects the folder with its access lists', say('diag.data.windows'));
    const wrong = findWrongModes(dataDir);
    if (wrong.length === 0)
      return pass(`${dataDir}: only its owner may read it`, say('diag.data.ok', { dir: dataDir }));
    const shown = wrong
      .slice(0, SHOWN)
      .map((w) => `${w.path} (${octal(w.mode)})`)
      .join(', ');
    const more = wrong.length > SHOWN ? ` and ${wrong.length - SHOWN} more` : '';
    return fail(
      `${wrong.length} ${wrong.length === 1 ? 'item' : 'items'} other local users may read: ` +
        `${shown}${more}. The terminal makes them private when it starts; ` +
        `or run chmod -R go-rwx ${dataDir}.`,
      say('diag.data.open', { count: wrong.length, dir: dataDir }),
    );
  },
};
