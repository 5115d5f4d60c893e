// Typed access to the kiosk from any component below the kiosk's root.
import { getContext } from 'svelte';
import type { Kiosk } from './kiosk.svelte.ts';

const kioskKey = Symbol('ccpos.kiosk');

/** The context for `mount(KioskApp, { context })`. */
export function kioskContext(kiosk: Kiosk): Map<symbol, Kiosk> {
  return new Map([[kioskKey, kiosk]]);
}

export function useKiosk(): Kiosk {
  const kiosk = getContext<Kiosk | undefined>(kioskKey);
  if (!kiosk) throw new Error('useKiosk() needs the kiosk context given to mount() (kioskContext)');
  return kiosk;
}
