// A configured terminal against the sandbox with a manager signed in, driven through the
// screens' own API over the terminal's dispatcher (as the preview's renderer is).
import { expect } from 'vitest';
import { createPosApi, type PosApi } from '../../shared/ipc/api.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { managerPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };

export interface SandboxLane {
  sandbox: TestSandbox;
  fixture: Fixture;
  pos: PosApi;
  close(): Promise<void>;
}

export async function openSandboxLane(): Promise<SandboxLane> {
  const sandbox = await startTestSandbox();
  const fixture = await openTerminal({
    settings: {
      projectUrl: sandbox.projectUrl,
      externalApplicationId: sandbox.credentials.user_external_application_id,
      login: sandbox.credentials.login,
      storeId: demo.stores.praha,
    },
    password: sandbox.credentials.password,
  });
  const dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
  const pos = createPosApi({
    invoke: (channel, payload) => dispatch(channel, payload, sender),
    subscribe: () => () => {},
  });
  expect(await pos.operator.signIn({ pin: managerPin })).toMatchObject({ ok: true });
  return {
    sandbox,
    fixture,
    pos,
    async close() {
      await fixture.close();
      await sandbox.close();
    },
  };
}
