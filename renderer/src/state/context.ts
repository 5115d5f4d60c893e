// Typed access to the terminal from any component below the app root.
import { getContext } from 'svelte';
import type { Terminal } from './terminal.svelte.ts';

const terminalKey = Symbol('ccpos.terminal');

/** The context for `mount(App, { context })`, so the root component finds the terminal too. */
export function terminalContext(terminal: Terminal): Map<symbol, Terminal> {
  return new Map([[terminalKey, terminal]]);
}

export function useTerminal(): Terminal {
  const terminal = getContext<Terminal | undefined>(terminalKey);
  if (!terminal) throw new Error('useTerminal() needs the terminal context given to mount() (terminalContext)');
  return terminal;
}
