// Typed access to the terminal from any component below the app root.
import { getContext, setContext } from 'svelte';
import type { Terminal } from './terminal.svelte.ts';

const terminalKey = Symbol('ccpos.terminal');

export function provideTerminal(terminal: Terminal): Terminal {
  return setContext(terminalKey, terminal);
}

export function useTerminal(): Terminal {
  const terminal = getContext<Terminal | undefined>(terminalKey);
  if (!terminal) throw new Error('useTerminal() needs provideTerminal() in a parent component');
  return terminal;
}
