// The security policy every window shares, as plain data and pure functions so it
// is testable without Electron.

/** No remote content: scripts, styles, images and fonts come from the app's own files. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * What a window answers when a page asks to open another window or a link: always no.
 * No screen links anywhere, so nothing is handed to the OS browser either; a page that
 * asks (a compromised renderer) gets neither a window nor an external program.
 */
export function windowOpenAnswer(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** The app's page is a file under the renderer folder; nothing else may load in a window. */
export function isAppPage(url: string, rendererRoot: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' && parsed.host === '' && parsed.href.startsWith(rendererRoot);
  } catch {
    return false;
  }
}
