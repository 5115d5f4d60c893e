// A CareCloud failure as a sentence for support: which of the three kinds it is.
import {
  AuthenticationError,
  CareCloudError,
  ConnectionError,
  UnexpectedResponseError,
} from '../carecloud/errors.ts';
import { say, type Said } from './check.ts';

const connectionWords = {
  refused: 'connection refused',
  dns: 'host name not found',
  timeout: 'no answer in time',
  reset: 'connection broken',
  tls: 'secure connection failed',
  network: 'network error',
} as const;

/**
 * The same failure as a sentence of the screens' catalogue; CareCloud's own `detail` comes in the language it was asked
 * in.
 */
export function failureSaid(error: unknown): Said {
  if (error instanceof ConnectionError) return say(`diag.fail.connection.${error.kind}`);
  if (error instanceof AuthenticationError) {
    if (error.status === 401) return say('diag.fail.token');
    return error.body.detail
      ? say('diag.fail.login', { detail: error.body.detail })
      : say('diag.fail.loginBare');
  }
  if (error instanceof UnexpectedResponseError) return say('diag.fail.notApi', { status: error.status });
  if (error instanceof CareCloudError) return say('diag.fail.refused', { status: error.status });
  return say('diag.fail.other', { message: error instanceof Error ? error.message : String(error) });
}

export function describeFailure(error: unknown): string {
  if (error instanceof ConnectionError) return `CareCloud cannot be reached (${connectionWords[error.kind]})`;
  if (error instanceof AuthenticationError) {
    return error.status === 401
      ? 'CareCloud refused the token'
      : `CareCloud refused the login${error.body.detail ? `: ${error.body.detail}` : ''}`;
  }
  if (error instanceof UnexpectedResponseError)
    return (
      `something other than CareCloud's API answered (HTTP ` +
      `${error.status}${error.contentType ? `, ${error.contentType}` : ''})`
    );
  if (error instanceof CareCloudError) {
    const reasons = error.invalidParams.map((p) => `${p.name} ${p.reason}`).join(', ');
    return (
      `CareCloud answered HTTP ` +
      `${error.status}${error.body.title ? ` ${error.body.title}` : ''}${reasons ? ` (${reasons})` : ''}`
    );
  }
  return error instanceof Error ? error.message : String(error);
}
