// A scripted CareCloud for unit tests of the engine: each send takes the next
// scripted answer (or the default), and every call is recorded.
import {
  ConnectionError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  type RequestInfo,
} from '../../electron/carecloud/errors.ts';
import type { EntryKind, JournalRequest } from '../../electron/journal/types.ts';
import type { CareCloudPort } from '../../electron/sync/port.ts';

export type Answer =
  | 'ok'
  | 'down'
  | 'timeout'
  | '503'
  | '429'
  | 'already-exists'
  | 'voucher-refused'
  | ((request: JournalRequest) => Promise<{ remoteId: string | null }>);

const info: RequestInfo = {
  method: 'POST',
  path: '/purchases/actions/send-purchase',
  correlationId: 'test',
  attempt: 1,
};

export function failureFor(answer: Exclude<Answer, 'ok' | ((r: JournalRequest) => unknown)>): Error {
  switch (answer) {
    case 'down':
      return new ConnectionError('refused', 'connection refused', info);
    case 'timeout':
      return new ConnectionError('timeout', 'timed out', info);
    case '503':
      return new ServerError(503, { title: 'Service unavailable', invalid_params: [] }, '{}', info);
    case '429': {
      const error = new RateLimitError(429, { title: 'Too many requests', invalid_params: [] }, '{}', info);
      error.retryAfterMs = 5;
      return error;
    }
    case 'already-exists':
      return new InvalidRequestError(
        400,
        { title: 'Bad request', invalid_params: [{ name: 'bill_id', reason: 'already_exists' }] },
        '{}',
        info,
      );
    case 'voucher-refused':
      return new InvalidRequestError(
        400,
        {
          title: 'Bad request',
          invalid_params: [
            { name: 'benefit_codes', reason: 'voucher_not_allowed_in_store', message: 'not here' },
          ],
        },
        '{}',
        info,
      );
  }
}

export class FakePort implements CareCloudPort {
  readonly sends: { kind: EntryKind; billId: string | undefined }[] = [];
  probes = 0;
  script: Answer[] = [];
  fallback: Answer = 'ok';
  probeAnswer: 'ok' | 'down' = 'ok';
  #counter = 0;

  async send(kind: EntryKind, request: JournalRequest): Promise<{ remoteId: string | null }> {
    const body = request.body as { bill?: { bill_id?: string } };
    this.sends.push({ kind, billId: body.bill?.bill_id });
    const answer = this.script.shift() ?? this.fallback;
    await new Promise((resolve) => setImmediate(resolve));
    if (answer === 'ok') return { remoteId: `pur-${++this.#counter}` };
    if (typeof answer === 'function') return answer(request);
    throw failureFor(answer);
  }

  async probe(): Promise<void> {
    this.probes++;
    if (this.probeAnswer === 'down') throw failureFor('down');
  }
}
