// What became of an export, in a sentence: in the exports folder, saved where the manager
// chose, downloaded by the browser, or nothing (the save dialog was closed).
import type { ExportDone } from '../../../shared/checkout/answers.ts';
import type { Translate } from './queue-words.ts';

export function exportSentence(t: Translate, done: ExportDone): string {
  const params = { count: done.count, file: done.file };
  switch (done.delivered) {
    case 'saved':
      return t('export.saved', params);
    case 'download':
      return t('export.downloaded', params);
    case 'cancelled':
      return t('export.cancelled');
    default:
      return t('queue.exported', params);
  }
}
