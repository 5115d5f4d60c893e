import { mount } from 'svelte';
import './app.css';
import App from './components/App.svelte';
import Unavailable from './components/Unavailable.svelte';
import { connectPos } from './pos.ts';
import { Terminal } from './state/terminal.svelte.ts';
import { terminalContext } from './state/context.ts';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element');

let terminal: Terminal | null = null;
connectPos((reason) => terminal?.connectionLost(reason)).then(
  (pos) => {
    terminal = new Terminal(pos);
    mount(App, { target, context: terminalContext(terminal) });
  },
  (error: unknown) => mount(Unavailable, { target, props: { reason: error instanceof Error ? error.message : String(error) } }),
);
