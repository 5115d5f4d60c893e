// Scanner and card-reader status for the status bar, and how keyboard-mode scanners are detected.
import type { DevicesStatus, PosApi, WedgeDetection } from '../../../shared/ipc/index.ts';

export type ScannerState = 'hid' | 'keyboard' | 'none';

export class DevicesState {
  #status = $state<DevicesStatus | null>(null);
  #wedge = $state.raw<WedgeDetection | null>(null);

  /** The saved keyboard-mode scanner settings; null until read (no detection before). */
  get wedge(): WedgeDetection | null {
    return this.#wedge;
  }

  /** Reads the keyboard-mode scanner settings again (at start and after the settings are saved). */
  async loadWedge(pos: Pick<PosApi, 'input'>): Promise<void> {
    const result = await pos.input.wedgeSettings();
    if (result.ok) this.#wedge = result.value;
  }

  get status(): DevicesStatus | null {
    return this.#status;
  }

  /** What the cashier needs to know: is a HID scanner there, or only keyboard-wedge input (the why is in `message`). */
  get scanner(): ScannerState {
    const status = this.#status;
    if (!status) return 'none';
    // Without HID, scanners still work as keyboards: a degraded mode, not a fault.
    if (status.hid !== 'ready') return 'keyboard';
    return status.devices.some((d) => d.connected && d.kind !== 'unknown') ? 'hid' : 'keyboard';
  }

  /** Why, as a catalogue sentence for the screen to say in its language. */
  get said(): DevicesStatus['said'] {
    return this.#status?.said ?? null;
  }

  apply(status: DevicesStatus): void {
    this.#status = status;
  }
}
