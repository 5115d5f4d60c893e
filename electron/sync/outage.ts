// The demo's outage switch: cuts the embedded sandbox off (or reconnects it) and lets the
// sync engine find out at once, so the status bar follows the switch rather than the next sale.
import type { DemoBackend } from '../demo/demo-backend.ts';
import type { SyncEngine } from './engine.ts';

export function demoOutageSwitch(
  backend: Pick<DemoBackend, 'setOutage'>,
  sync: Pick<SyncEngine, 'online' | 'policy' | 'probe' | 'kick'>,
): { setOutage(on: boolean): Promise<void> } {
  return {
    async setOutage(on) {
      await backend.setOutage(on);
      // The breaker wants a run of failures before it calls the terminal offline.
      if (on)
        for (let probe = 0; probe < sync.policy.breakerThreshold && sync.online; probe += 1)
          await sync.probe();
      else await sync.probe();
      sync.kick();
    },
  };
}
