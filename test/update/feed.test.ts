// electron-updater itself reads fixture feeds from a local HTTP server, configured by
// our `configureUpdater`: the file it asks for is the one `updateFeed` names, our
// rollout place and refused versions decide availability, and its sha512 check
// refuses a download whose bytes differ from the feed.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateFeed } from '../../electron/update/feed.ts';
import { rolloutPlace } from '../../electron/update/rollout.ts';
import { configureUpdater } from '../../electron/update/updater.ts';
import { feedServer, fixture, updaterAt as updaterIn, type FeedServer } from './support.ts';

let dir: string;
let server: FeedServer;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccpos-feed-'));
  server = await feedServer();
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const updaterAt = (version: string): AppUpdater => updaterIn(version, dir);

function firstId(test: (id: string) => boolean): string {
  for (let i = 0; ; i += 1) if (test(`till-${i}`)) return `till-${i}`;
}

const inPilotRollout = firstId((id) => rolloutPlace(id) < 30);
const outOfPilotRollout = firstId((id) => rolloutPlace(id) >= 30);
const always = { mayOffer: () => true };

describe("reading the shop's update feed with electron-updater", () => {
  it('asks for the file updateFeed names and finds the stable release', async () => {
    const feed = updateFeed({ url: server.url, channel: 'stable', checkHours: 4 }, 'linux', 'x64')!;
    const updater = updaterAt('1.0.0');
    configureUpdater(updater, feed, { terminalId: 'till-1', ...always });
    updater.autoDownload = false;
    const result = await updater.checkForUpdates();
    expect(server.paths).toEqual([new URL(feed.url).pathname]);
    expect(result?.isUpdateAvailable).toBe(true);
    expect(result?.updateInfo.version).toBe('1.1.0');
    expect(result?.updateInfo.files[0]?.sha512).toBe(
      createHash('sha512').update(fixture('ccpos_1.1.0_amd64.deb')).digest('base64'),
    );
  });

  it("reads the pilot channel's file, and only terminals inside its staged percentage take it", async () => {
    const feed = updateFeed({ url: server.url, channel: 'pilot', checkHours: 4 }, 'linux', 'x64')!;
    const inside = updaterAt('1.1.0');
    configureUpdater(inside, feed, { terminalId: inPilotRollout, ...always });
    inside.autoDownload = false;
    const taken = await inside.checkForUpdates();
    expect(server.paths).toEqual(['/ccpos/pilot-linux.yml']);
    expect(taken?.isUpdateAvailable).toBe(true);
    expect(taken?.updateInfo.version).toBe('1.2.0');

    const outside = updaterAt('1.1.0');
    configureUpdater(outside, feed, { terminalId: outOfPilotRollout, ...always });
    outside.autoDownload = false;
    expect((await outside.checkForUpdates())?.isUpdateAvailable).toBe(false);
  });

  it('never offers a version that failed to start here, the running version, or an older one', async () => {
    const feed = updateFeed({ url: server.url, channel: 'stable', checkHours: 4 }, 'linux', 'x64')!;
    const refusing = updaterAt('1.0.0');
    configureUpdater(refusing, feed, { terminalId: 'till-1', mayOffer: (version) => version !== '1.1.0' });
    refusing.autoDownload = false;
    expect((await refusing.checkForUpdates())?.isUpdateAvailable).toBe(false);

    for (const running of ['1.1.0', '1.2.0']) {
      const updater = updaterAt(running);
      configureUpdater(updater, feed, { terminalId: 'till-1', ...always });
      updater.autoDownload = false;
      expect((await updater.checkForUpdates())?.isUpdateAvailable).toBe(false);
    }
  });

  it('refuses a feed without a version and a channel the server does not publish', async () => {
    server.files.set('/ccpos/latest-linux.yml', fixture('broken-linux.yml'));
    const updater = updaterAt('1.0.0');
    updater.on('error', () => {});
    configureUpdater(
      updater,
      updateFeed({ url: server.url, channel: 'stable', checkHours: 4 }, 'linux', 'x64')!,
      { terminalId: 'till-1', ...always },
    );
    updater.autoDownload = false;
    await expect(updater.checkForUpdates()).rejects.toThrow(/version/);

    server.files.delete('/ccpos/pilot-linux.yml');
    const pilot = updaterAt('1.0.0');
    pilot.on('error', () => {});
    configureUpdater(
      pilot,
      updateFeed({ url: server.url, channel: 'pilot', checkHours: 4 }, 'linux', 'x64')!,
      { terminalId: inPilotRollout, ...always },
    );
    await expect(pilot.checkForUpdates()).rejects.toMatchObject({
      code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
    });
  });

  it('downloads the package whose sha512 matches the feed, and refuses one whose bytes differ', async () => {
    const feed = updateFeed({ url: server.url, channel: 'stable', checkHours: 4 }, 'linux', 'x64')!;
    const updater = updaterAt('1.0.0');
    configureUpdater(updater, feed, { terminalId: 'till-1', ...always });
    updater.autoDownload = false;
    await updater.checkForUpdates();
    const [file] = await updater.downloadUpdate();
    expect(file && readFileSync(file)).toEqual(fixture('ccpos_1.1.0_amd64.deb'));

    // The same feed, but the server (or something on the way) hands out other bytes.
    const tampered = Buffer.from(fixture('ccpos_1.1.0_amd64.deb'));
    tampered[0] = tampered[0]! ^ 0xff;
    server.files.set('/ccpos/ccpos_1.1.0_amd64.deb', tampered);
    rmSync(join(dir, 'cache'), { recursive: true, force: true });
    const second = updaterAt('1.0.0');
    const errors: unknown[] = [];
    second.on('error', (error) => errors.push(error));
    configureUpdater(second, feed, { terminalId: 'till-1', ...always });
    second.autoDownload = false;
    await second.checkForUpdates();
    await expect(second.downloadUpdate()).rejects.toThrow(/sha512 checksum mismatch/);
    expect(errors).toHaveLength(1);
    // Nothing of the refused bytes is left where an install would pick it up.
    expect(file).toContain(join(dir, 'cache', 'ccpos-updater'));
    expect(existsSync(file!)).toBe(false);
  });
});
