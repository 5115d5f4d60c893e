import { describe, expect, it } from 'vitest';
import { electronSenderCheck, previewSenderCheck } from '../../electron/ipc/sender.ts';
import { contentSecurityPolicy, isAppPage } from '../../electron/window/policy.ts';

describe('Electron sender check', () => {
  const root = 'file:///opt/ccpos/resources/app/out/renderer/';
  const trust = electronSenderCheck({ windowIds: () => new Set([7]), rendererRoot: root });
  const from = (frameUrl: string, webContentsId = 7, mainFrame = true) =>
    trust({ transport: 'electron', webContentsId, frameUrl, mainFrame });

  it('trusts the main frame of the app window showing the app page', () => {
    expect(from(`${root}index.html`)).toBe(true);
    expect(from(`${root}index.html#/settings`)).toBe(true);
  });

  it('refuses other windows, subframes, other schemes and files outside the renderer folder', () => {
    expect(from(`${root}index.html`, 8)).toBe(false);
    expect(from(`${root}index.html`, 7, false)).toBe(false);
    expect(from('https://evil.example/')).toBe(false);
    expect(from('http://127.0.0.1:5173/')).toBe(false);
    expect(from('file:///etc/passwd')).toBe(false);
    expect(from(`${root}../../../../../../home/user/page.html`)).toBe(false);
    expect(from('file://remote-host/opt/ccpos/resources/app/out/renderer/index.html')).toBe(false);
    expect(from('data:text/html,<script>1</script>')).toBe(false);
    expect(from('')).toBe(false);
    expect(from('not a url')).toBe(false);
  });

  it('refuses preview connections', () => {
    expect(trust({ transport: 'preview', connectionId: 7, origin: 'http://127.0.0.1:1' })).toBe(false);
  });
});

describe('preview sender check', () => {
  it('trusts only connections the host accepted and refuses Electron senders', () => {
    const accepted = new Set([3]);
    const trust = previewSenderCheck(accepted);
    expect(trust({ transport: 'preview', connectionId: 3, origin: 'x' })).toBe(true);
    expect(trust({ transport: 'preview', connectionId: 4, origin: 'x' })).toBe(false);
    expect(trust({ transport: 'electron', webContentsId: 3, frameUrl: 'file:///x', mainFrame: true })).toBe(
      false,
    );
    accepted.delete(3);
    expect(trust({ transport: 'preview', connectionId: 3, origin: 'x' })).toBe(false);
  });
});

describe('window policy', () => {
  it('lets a window show only the app page', () => {
    const root = 'file:///app/out/renderer/';
    expect(isAppPage(`${root}index.html`, root)).toBe(true);
    expect(isAppPage('file:///app/out/other.html', root)).toBe(false);
    expect(isAppPage('https://example.com', root)).toBe(false);
  });

  it('allows no remote content, inline script, eval, plugins or framing', () => {
    const directives = new Map(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives.get('default-src')).toBe("default-src 'none'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(contentSecurityPolicy).not.toMatch(/https?:|\*|unsafe-eval/);
  });
});
