// Whether an earlier send of an entry may have been booked by CareCloud. Only CareCloud
// turning the request away unprocessed (429, 401), a connection never made (refused, host
// name unknown) or a failure of another call before it (the login) rules it out, read from the
// sentences of carecloud/response.ts: a lost answer, a timeout, a 5xx, a page that is not
// CareCloud's or a process that died mid-send leave it open.
import type { Attempt } from './types.ts';

const NEVER_CONNECTED = /\((connection refused|host name not found)\)/;
const FAILED_CALL = / on [A-Z]+ (\/\S*)$/;

/** `requestPath`: the path of the entry's own request (a failed login before it sent nothing). */
export function mayHaveLanded(attempt: Pick<Attempt, 'outcome' | 'error'>, requestPath: string): boolean {
  const failedCall = FAILED_CALL.exec(attempt.error ?? '')?.[1];
  if (failedCall !== undefined && failedCall !== requestPath) return false;
  switch (attempt.outcome) {
    case 'rate-limited':
    case 'auth':
      return false;
    case 'transport':
      return !NEVER_CONNECTED.test(attempt.error ?? '');
    default:
      return true;
  }
}
