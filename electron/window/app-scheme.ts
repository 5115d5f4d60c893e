// The renderer is served from app://terminal/, a privileged scheme of the app's own,
// instead of file://. Which file a URL names is decided here, as a pure function, so
// the refusals (other hosts, escapes out of the renderer folder, unknown kinds of file)
// are testable without Electron.
import { isAbsolute, join, relative, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'terminal';
/** The renderer's root URL; every app page starts with it. */
export const appRoot = `${APP_SCHEME}://${APP_HOST}/`;
export const appPage = `${appRoot}index.html`;

/** What the renderer's files are, by extension; the web preview serves the same. */
export const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppFile {
  path: string;
  contentType: string;
}

/**
 * The file under `root` (the renderer folder) that `url` names, or null when the URL is
 * not the app's, leaves the folder, names a kind of file the renderer does not have, or
 * no such file exists.
 */
export function resolveAppFile(url: string, root: string, exists: (path: string) => boolean): AppFile | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.host !== APP_HOST ||
    parsed.username !== '' ||
    parsed.password !== ''
  )
    return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // Encoded separators, backslashes and NUL could reach another file once decoded.
  if (pathname.includes('\0') || pathname.includes('\\') || /%2f|%5c/i.test(parsed.pathname)) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  if (segments.length === 0) segments.push('index.html');
  const path = join(root, ...segments);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  const dot = path.lastIndexOf('.');
  const contentType = dot > path.lastIndexOf(sep) ? contentTypes[path.slice(dot).toLowerCase()] : undefined;
  if (contentType === undefined || !exists(path)) return null;
  return { path, contentType };
}
