// A cashier (or nobody) probes manager channels with malformed payloads to learn their
// schemas from the validation reasons. The real terminal's dispatcher must answer with
// the role refusal alone, the same whatever the payload.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestChannels } from '../../shared/ipc/channels.ts';
import { requests } from '../../shared/ipc/contract.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { cashierPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const probes: unknown[] = [
  undefined,
  null,
  42,
  'x',
  [],
  {},
  { patch: { bearerToken: 'x' } },
  { id: '1', pin: 12 },
  { format: 'xml' },
];

describe('role before schema', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;

  beforeEach(async () => {
    fixture = await openTerminal();
    dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
  });
  afterEach(() => fixture.close());

  const managerOnly = requestChannels.filter((c) => requests[c].access === 'manager');
  const operatorOnly = requestChannels.filter((c) => requests[c].access === 'operator');

  it('a signed-in cashier learns nothing of a manager channel beyond "manager only"', async () => {
    expect(await dispatch('operator.signIn', { pin: cashierPin }, sender)).toMatchObject({ ok: true });
    for (const channel of managerOnly) {
      const answers = new Set<string>();
      for (const payload of probes) {
        const result = await dispatch(channel, payload, sender);
        expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden_role' },
        });
        if (!result.ok) expect(result.error.reasons).toBeUndefined();
        answers.add(JSON.stringify(result));
      }
      expect([...answers], channel).toHaveLength(1);
    }
  });

  it('nobody signed in learns nothing of an operator or manager channel beyond "sign in first"', async () => {
    for (const channel of [...operatorOnly, ...managerOnly]) {
      const answers = new Set<string>();
      for (const payload of probes) answers.add(JSON.stringify(await dispatch(channel, payload, sender)));
      expect([...answers], channel).toEqual([
        JSON.stringify({ ok: false, error: { code: 'not_signed_in', message: 'Sign in first' } }),
      ]);
    }
  });
});
