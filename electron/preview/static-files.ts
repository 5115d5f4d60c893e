// Serves the built renderer: files under one folder only, with the app's CSP.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { contentTypes } from '../window/app-scheme.ts';
import { contentSecurityPolicy } from '../window/policy.ts';

// The app's own types, and source maps, which the preview serves for debugging.
const types: Readonly<Record<string, string>> = { ...contentTypes, '.map': 'application/json' };

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The file a URL path names inside `root`, or null when it would leave it. */
export function fileInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(join(base, decoded === '/' ? 'index.html' : decoded));
  return target === base || target.startsWith(base + sep) ? target : null;
}

export async function serveFile(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const file = fileInside(root, urlPath);
  const found = file
    ? await stat(file).then(
        (s) => s.isFile(),
        () => false,
      )
    : false;
  if (!file || !found) {
    response
      .writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Not found');
    return;
  }
  const body = await readFile(file);
  response
    .writeHead(200, {
      ...securityHeaders,
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    })
    .end(body);
}
