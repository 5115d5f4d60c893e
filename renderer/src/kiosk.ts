// The kiosk's screens in place of the till's, when main runs as a self-service kiosk.
// A chunk of its own: tills never load it, kiosks load it once.
import { mount } from 'svelte';
import type { PosApi } from '../../shared/ipc/index.ts';
import KioskApp from './components/kiosk/KioskApp.svelte';
import { kioskContext } from './state/kiosk-context.ts';
import { Kiosk } from './state/kiosk.svelte.ts';
import { kioskPort } from './state/kiosk-port.ts';

export async function mountKiosk(target: HTMLElement, pos: PosApi): Promise<void> {
  const kiosk = new Kiosk(pos, kioskPort(pos));
  const wedge = await pos.input.wedgeSettings();
  mount(KioskApp, { target, props: { wedge: wedge.ok ? wedge.value : null }, context: kioskContext(kiosk) });
}
