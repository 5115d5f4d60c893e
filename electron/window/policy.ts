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

/** Links the OS browser may open: https only, never the app's own scheme or a local file. */
export function isExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
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
