// A local update server with the fixture feeds, and electron-updater's DebUpdater
// pointed at it from Node: its own parsing, rollout hook, download and checksum, with
// node:http where the app would use Electron's `net`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { DebUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor.js';

const fixtures = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string): Buffer => readFileSync(join(fixtures, name));

/**
 * electron-updater's own executor (its download and checksum path), sending through node:http
 * where the app uses Electron's `net`.
 */
class LoopbackExecutor extends ElectronHttpExecutor {
  override createRequest(
    options: Parameters<ElectronHttpExecutor['createRequest']>[0],
    callback: (response: unknown) => void,
  ): ReturnType<ElectronHttpExecutor['createRequest']> {
    // Node's request has what the executor uses (on, end, abort); Electron's type adds upload progress.
    return request(options as Parameters<typeof request>[0], callback as never) as unknown as ReturnType<
      ElectronHttpExecutor['createRequest']
    >;
  }
}

export interface FeedServer {
  url: string;
  paths: string[];
  files: Map<string, Buffer>;
  close(): Promise<void>;
}

export async function feedServer(): Promise<FeedServer> {
  const files = new Map<string, Buffer>();
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    paths.push(path);
    const body = files.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, {
        'content-length': body.length,
        'content-type': path.endsWith('.yml') ? 'text/yaml' : 'application/octet-stream',
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  for (const name of ['latest-linux.yml', 'pilot-linux.yml', 'ccpos_1.1.0_amd64.deb'])
    files.set(`/ccpos/${name}`, fixture(name));
  return {
    url: `http://127.0.0.1:${address.port}/ccpos`,
    paths,
    files,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A DebUpdater as the packaged app at `version` would have it, its files under `dir`. */
export function updaterAt(version: string, dir: string): AppUpdater {
  // What electron-builder writes beside the app; only the cache folder's name is read from it here.
  writeFileSync(
    join(dir, 'app-update.yml'),
    'provider: generic\nurl: https://updates.invalid/ccpos\nupdaterCacheDirName: ccpos-updater\n',
  );
  const app: AppAdapter = {
    version,
    name: 'ccpos',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new DebUpdater(null, app);
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new LoopbackExecutor();
  updater.logger = null;
  return updater;
}
