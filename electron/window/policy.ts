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

/**
 * The app's page is under the renderer root (app://terminal/ in the app); nothing else may
 * load in a window. The URL is normalised first, so a "../" escape loses the prefix.
 */
export function isAppPage(url: string, rendererRoot: string): boolean {
  try {
    const parsed = new URL(url);
    const root = new URL(rendererRoot);
    return (
      parsed.protocol === root.protocol && parsed.host === root.host && parsed.href.startsWith(root.href)
    );
  } catch {
    return false;
  }
}
