// Tells a keyboard-wedge scanner's burst (keys a few ms apart, ending with Enter or Tab) from a
// person typing. Keys that might belong to a scan are held back (the caller prevents their
// default); a burst that turns out to be typing is handed back in order, and a person's key
// pressed in the middle of a scan is told apart by its overlap with the scanner's keys
// (a scanner releases each key before pressing the next; fingers do not).
import { GROUP_SEPARATOR, SUFFIX_CODES, characterForCode } from '../../../shared/input/keyboard-layout.ts';
import type { WedgeSettings } from '../../../shared/input/settings.ts';

/** The parts of a KeyboardEvent the detector reads, so it runs on synthetic events in tests. */
export interface WedgeKey {
  code: string;
  key: string;
  timeStamp: number;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat: boolean;
}

export interface WedgeOutput {
  /** A scanner burst, read through the physical keys on the scanner's layout. */
  scan(text: string, at: number): void;
  /** A person's keys, held back for a moment and now given back in order. */
  typing(keys: readonly WedgeKey[]): void;
  /** A burst that was clearly a scanner but cannot be a code (too long). */
  rejected(reason: string, at: number): void;
}

/** hold: the caller must prevent the key's default and stop it; pass: leave it alone. */
export type WedgeVerdict = 'hold' | 'pass';

interface Held {
  event: WedgeKey;
  /** The character on the scanner's layout. */
  char: string;
  down: boolean;
  /** Pressed while another held key was still down, or held longer than a scanner would. */
  human: boolean;
}

const MODIFIER_CODES = new Set([
  'ShiftLeft',
  'ShiftRight',
  'ControlLeft',
  'ControlRight',
  'AltLeft',
  'AltRight',
  'MetaLeft',
  'MetaRight',
  'CapsLock',
  'NumLock',
]);

export class WedgeDetector {
  #held: Held[] = [];
  #lastAt = 0;
  #settings: WedgeSettings;
  readonly #output: WedgeOutput;

  constructor(settings: WedgeSettings, output: WedgeOutput) {
    this.#settings = settings;
    this.#output = output;
  }

  /** New thresholds (after calibration); whatever is held is given back first. */
  configure(settings: WedgeSettings): void {
    this.#giveBack();
    this.#settings = settings;
  }

  /** When tick() must run next for held keys to be given back on time, or null. */
  get deadline(): number | null {
    return this.#held.length > 0 ? this.#lastAt + this.#settings.maxKeyGapMs : null;
  }

  get holding(): number {
    return this.#held.length;
  }

  keydown(event: WedgeKey): WedgeVerdict {
    if (!this.#settings.enabled || MODIFIER_CODES.has(event.code)) return 'pass';
    if (this.#held.length > 0 && event.timeStamp - this.#lastAt > this.#settings.maxKeyGapMs)
      this.#giveBack();
    if (event.repeat) return this.#giveBackAndPass();
    for (const held of this.#held) if (held.down) held.human = true;

    const suffix = SUFFIX_CODES[event.code];
    if (suffix && !(event.ctrlKey || event.altKey || event.metaKey)) {
      if (!this.#settings.suffixes.includes(suffix)) return this.#giveBackAndPass();
      return this.#finish(event.timeStamp);
    }
    const char = this.#scannerCharacter(event);
    if (char === null) return this.#giveBackAndPass();
    if (this.#held.length >= this.#settings.maxLength) {
      this.#held = [];
      this.#output.rejected(
        `a burst longer than ${this.#settings.maxLength} keys without an end key`,
        event.timeStamp,
      );
    }
    this.#held.push({ event, char, down: true, human: false });
    this.#lastAt = event.timeStamp;
    return 'hold';
  }

  keyup(event: Pick<WedgeKey, 'code' | 'timeStamp'>): void {
    for (let i = this.#held.length - 1; i >= 0; i--) {
      const held = this.#held[i]!;
      if (held.event.code !== event.code || !held.down) continue;
      held.down = false;
      if (event.timeStamp - held.event.timeStamp > this.#settings.maxKeyGapMs) held.human = true;
      return;
    }
  }

  /** Gives held keys back once the pause after the last one shows nobody is scanning. */
  tick(now: number): void {
    if (this.#held.length > 0 && now - this.#lastAt > this.#settings.maxKeyGapMs) this.#giveBack();
  }

  #finish(at: number): WedgeVerdict {
    const scanner = this.#held.filter((h) => !h.human);
    if (scanner.length < this.#settings.minLength) return this.#giveBackAndPass();
    const human = this.#held.filter((h) => h.human).map((h) => h.event);
    this.#held = [];
    this.#output.scan(scanner.map((h) => h.char).join(''), at);
    if (human.length > 0) this.#output.typing(human);
    // The end key is the scanner's: submitting a form or moving focus with it would be wrong.
    return 'hold';
  }

  #scannerCharacter(event: WedgeKey): string | null {
    if (event.ctrlKey && !event.altKey && !event.metaKey && event.code === 'BracketRight')
      return GROUP_SEPARATOR;
    if (event.ctrlKey || event.altKey || event.metaKey) return null;
    return characterForCode(event.code, event.shiftKey, this.#settings.scannerLayout);
  }

  #giveBackAndPass(): WedgeVerdict {
    this.#giveBack();
    return 'pass';
  }

  #giveBack(): void {
    if (this.#held.length === 0) return;
    const keys = this.#held.map((h) => h.event);
    this.#held = [];
    this.#output.typing(keys);
  }
}
