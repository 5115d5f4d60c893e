import { mount, unmount } from 'svelte';
import './app.css';
import App from './components/App.svelte';
import Unavailable from './components/Unavailable.svelte';
import { connectPos } from './pos.ts';
import { terminalContext } from './state/context.ts';
import { TerminalState } from './state/terminal.svelte.ts';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element');

const { pos, ready } = connectPos((reason) => terminal.connectionLost(reason));
const terminal = new TerminalState(pos);
// The till mounts at once (it shows "connecting" until main answers); a kiosk replaces it.
let app: ReturnType<typeof mount> | null = mount(App, { target, context: terminalContext(terminal) });
ready.then(
  async () => {
    const status = await pos.session.status();
    if (!status.ok || status.value.mode !== 'kiosk') return;
    if (app) void unmount(app);
    app = null;
    const { mountKiosk } = await import('./kiosk.ts');
    await mountKiosk(target, pos);
  },
  (error: unknown) => {
    if (app) void unmount(app);
    app = null;
    mount(Unavailable, { target, props: { reason: error instanceof Error ? error.message : String(error) } });
  },
);
