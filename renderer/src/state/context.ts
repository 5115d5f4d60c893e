// Typed access to the terminal from any component below the app root.
import { getContext } from 'svelte';
import type { TerminalState } from './terminal.svelte.ts';

const terminalKey = Symbol('ccpos.terminal');

/** The context for `mount(App, { context })`, so the root component finds the terminal too. */
export function terminalContext(terminal: TerminalState): Map<symbol, TerminalState> {
  return new Map([[terminalKey, terminal]]);
}

export function useTerminal(): TerminalState {
  const terminal = getContext<TerminalState | undefined>(terminalKey);
  if (!terminal)
    throw new Error('useTerminal() needs the terminal context given to mount() (terminalContext)');
  return terminal;
}
