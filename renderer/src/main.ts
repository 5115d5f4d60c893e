import { mount, unmount } from 'svelte';
import './app.css';
import App from './components/App.svelte';
import Unavailable from './components/Unavailable.svelte';
import { connectPos } from './pos.ts';
import { terminalContext } from './state/context.ts';
import { Terminal } from './state/terminal.svelte.ts';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element');

const { pos, ready } = connectPos((reason) => terminal.connectionLost(reason));
const terminal = new Terminal(pos);
const app = mount(App, { target, context: terminalContext(terminal) });
ready.catch((error: unknown) => {
  void unmount(app);
  mount(Unavailable, { target, props: { reason: error instanceof Error ? error.message : String(error) } });
});
