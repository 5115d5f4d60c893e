// An export main handed back for the preview's browser to download: a Blob behind a
// link clicked once. In the app main writes the file where the save dialog said and no
// content comes back, so there is nothing to do here.
import type { ExportDone } from '../../../shared/checkout/answers.ts';
import type { ShiftExportDone } from '../../../shared/shift.ts';

const mediaTypes = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
  pdf: 'application/pdf',
} as const;

/** The file's bytes: text as it came, a binary file (a PDF) from its base64. */
function bodyOf(done: ExportDone | ShiftExportDone, content: string): BlobPart {
  if (!('encoding' in done) || done.encoding !== 'base64') return content;
  return Uint8Array.from(atob(content), (char) => char.charCodeAt(0));
}

/** Starts the browser's download of a `download` answer; true when one was started. */
export function deliverExport(
  done: ExportDone | ShiftExportDone,
  doc: Document | undefined = globalThis.document,
): boolean {
  if (done.delivered !== 'download' || done.content === null || !doc) return false;
  const url = URL.createObjectURL(new Blob([bodyOf(done, done.content)], { type: mediaTypes[done.format] }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = done.file;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; the URL is kept a while for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
