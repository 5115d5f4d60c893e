// The screens are served from app://terminal/ by the app's own handler, not file://.
// The handler's file resolution is attacked here with the URLs a compromised page or a
// crafted link could ask for, against a real renderer folder on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appPage, appRoot, resolveAppFile } from '../../electron/window/app-scheme.ts';
import { contentSecurityPolicy, isAppPage } from '../../electron/window/policy.ts';
import { electronSenderCheck } from '../../electron/ipc/sender.ts';

let base: string;
let root: string;
const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ccpos-scheme-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'notes.txt'), 'not the renderer');
  writeFileSync(join(base, 'settings.json'), '{"passwordCiphertext":"x"}');
  writeFileSync(join(base, 'renderer-secret.html'), 'outside');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const resolve = (url: string) => resolveAppFile(url, root, isFile);

describe('app://terminal/ file resolution', () => {
  it('serves the page and its assets with their types', () => {
    expect(resolve(appPage)).toEqual({
      path: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolve(appRoot)?.path).toBe(join(root, 'index.html'));
    expect(resolve('app://terminal/assets/index-abc.js?v=1#x')).toEqual({
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolve('app://terminal/assets/index-abc.css')?.contentType).toBe('text/css; charset=utf-8');
  });

  it('refuses escapes out of the renderer folder however they are spelt', () => {
    for (const url of [
      'app://terminal/../settings.json',
      'app://terminal/%2e%2e/settings.json',
      'app://terminal/assets/%2e%2e/%2e%2e/settings.json',
      'app://terminal/..%2fsettings.json',
      'app://terminal/assets%2f..%2f..%2fsettings.json',
      'app://terminal/..%5csettings.json',
      'app://terminal/%2e%2e%5c%2e%2e%5csettings.json',
      'app://terminal/../renderer-secret.html',
      'app://terminal/index.html%00.js',
      `app://terminal/${encodeURIComponent(join(base, 'settings.json'))}`,
    ]) {
      const found = resolve(url);
      expect(found, url).toBeNull();
    }
    // The file really is there: the refusals above are the resolver's, not the disk's.
    expect(readFileSync(join(base, 'settings.json'), 'utf8')).toContain('passwordCiphertext');
  });

  it('refuses unknown files, other kinds of file, other hosts and other schemes', () => {
    for (const url of [
      'app://terminal/missing.js',
      'app://terminal/assets/notes.txt',
      'app://terminal/assets',
      'app://evil/index.html',
      'app://user:pw@terminal/index.html',
      'file:///etc/passwd',
      `file://${join(root, 'index.html')}`,
      'https://terminal/index.html',
      'not a url',
    ]) {
      expect(resolve(url), url).toBeNull();
    }
  });

  it('is the only page a window may show and the only sender IPC trusts', () => {
    expect(isAppPage(appPage, appRoot)).toBe(true);
    expect(isAppPage(`file://${join(root, 'index.html')}`, appRoot)).toBe(false);
    expect(isAppPage('app://evil/index.html', appRoot)).toBe(false);
    const trust = electronSenderCheck({ windowIds: () => new Set([7]), rendererRoot: appRoot });
    expect(trust({ transport: 'electron', webContentsId: 7, frameUrl: appPage, mainFrame: true })).toBe(true);
    expect(
      trust({
        transport: 'electron',
        webContentsId: 7,
        frameUrl: `file://${join(root, 'index.html')}`,
        mainFrame: true,
      }),
    ).toBe(false);
  });
});

describe('packaging and page policy', () => {
  it('turns the file-protocol-privileges fuse off', () => {
    const builder = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    expect(builder).toMatch(/^\s*grantFileProtocolExtraPrivileges:\s*false\s*$/m);
  });

  it("gives the page's meta CSP the header's directives (frame-ancestors only works as a header)", () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const directives = (policy: string) =>
      policy
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d !== '' && !d.startsWith('frame-ancestors'))
        .sort();
    expect(meta).toBeDefined();
    expect(directives(meta ?? '')).toEqual(directives(contentSecurityPolicy));
  });
});
