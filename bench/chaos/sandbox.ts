// The sandbox the chaos run books into: faults set in-process, what was booked read back the
// way any outside tool reads it, from GET /__sandbox/purchases on the control listener.
import type { ReceivedBill } from '../../sandbox/received.ts';
import { startSandbox, type Sandbox, type SandboxControl } from '../../sandbox/server.ts';

export interface ChaosSandbox extends Sandbox {
  control: SandboxControl;
  /** Every bill the sandbox received since the last reset, from its control API. */
  purchases(): Promise<ReceivedBill[]>;
}

export async function startChaosSandbox(): Promise<ChaosSandbox> {
  const sandbox = await startSandbox({ control: true, rateLimit: null });
  if (!sandbox.control || !sandbox.controlUrl || !sandbox.controlToken) {
    await sandbox.close();
    throw new Error('the sandbox started without its control listener');
  }
  const { controlUrl, controlToken } = sandbox;
  return {
    ...sandbox,
    control: sandbox.control,
    async purchases() {
      const res = await fetch(`${controlUrl}/purchases`, {
        headers: { Authorization: `Bearer ${controlToken}` },
      });
      const body = (await res.json()) as { purchases?: ReceivedBill[] };
      if (res.status !== 200 || !Array.isArray(body.purchases))
        throw new Error(`GET /__sandbox/purchases answered ${res.status}`);
      return body.purchases;
    },
  };
}
