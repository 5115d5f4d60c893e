// Registers and serves the app:// scheme (see app-scheme.ts) in Electron.
import { protocol, type Session } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { APP_SCHEME, resolveAppFile } from './app-scheme.ts';
import { contentSecurityPolicy } from './policy.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Serves the renderer folder `root` on app://terminal/ in `target`, with the CSP header. */
export function serveApp(target: Session, root: string): void {
  target.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, root, isFile);
    if (file === null || !(await stat(file.path)).isFile()) return new Response('Not found', { status: 404 });
    return new Response(await readFile(file.path), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
