// `node --import ./register.ts`: the bundle's `import 'electron'` (and a `require`) get
// the stand-in instead of the npm package, which only knows where a binary would be.
import { registerHooks } from 'node:module';

const standIn = new URL('./electron.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
