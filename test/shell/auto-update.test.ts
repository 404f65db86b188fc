import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ManagedPolicy } from '../../main/core/settings/managed-policy';
import { pinnedPublishersOf, startAutoUpdates, updatePlan } from '../../main/shell/auto-update';
import type { AutoUpdateOptions, UpdaterLike } from '../../main/shell/auto-update';

/** electron-updater's AppUpdater as far as startApp drives it: an event emitter with a network session. */
function fakeUpdater(result: () => Promise<null> = () => Promise.resolve(null)) {
  const events = new EventEmitter();
  let guard: Parameters<UpdaterLike['netSession']['webRequest']['onBeforeRequest']>[0] | null = null;
  const updater = {
    feeds: [] as unknown[],
    checks: [] as ('install' | 'announce')[],
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    setFeedURL: (options: unknown) => void updater.feeds.push(options),
    checkForUpdates: () => {
      updater.checks.push('announce');
      return result();
    },
    checkForUpdatesAndNotify: () => {
      updater.checks.push('install');
      return result();
    },
    on: (event: string, listener: (...args: never[]) => void) => events.on(event, listener as (...args: unknown[]) => void),
    emit: (event: string, ...args: unknown[]) => events.emit(event, ...args),
    netSession: {
      webRequest: {
        onBeforeRequest(listener: NonNullable<typeof guard>) {
          guard = listener;
        },
      },
    },
    /** What the updater's session does with a request to `url`: cancelled or let through. */
    request(url: string): 'cancelled' | 'sent' | 'no guard' {
      if (guard === null) return 'no guard';
      let answer: 'cancelled' | 'sent' = 'sent';
      guard({ url }, (response) => {
        answer = response.cancel === true ? 'cancelled' : 'sent';
      });
      return answer;
    },
  };
  return updater;
}

function recorder(environment: Partial<AutoUpdateOptions> = {}) {
  const said = { failed: [] as string[], info: [] as string[], available: [] as string[] };
  const options: AutoUpdateOptions = {
    platform: 'darwin',
    pinnedPublishers: null,
    failed: (error) => said.failed.push((error as Error).message),
    info: (message) => said.info.push(message),
    available: (version) => said.available.push(version),
    setInterval: () => 1,
    clearInterval: () => {},
    ...environment,
  };
  return { said, options };
}

const feed = 'https://updates.hospital.example/td/';
const on = (extra: Partial<{ allowUnverifiedOnLinux: boolean }> = {}): ManagedPolicy => ({ autoUpdate: { enabled: true, url: feed, ...extra } });

describe('automatic updates', () => {
  it('are off unless the managed settings turn them on', () => {
    const updater = fakeUpdater();
    expect(startAutoUpdates(updater, {}, recorder().options)).toBeNull();
    expect(startAutoUpdates(updater, { autoUpdate: { enabled: false } }, recorder().options)).toBeNull();
    expect([updater.feeds, updater.checks]).toEqual([[], []]);
  });

  it('check the generic feed the managed settings name, now and periodically, until stopped', () => {
    const updater = fakeUpdater();
    let tick: () => void = () => {};
    let stopped = false;
    const { options } = recorder({
      setInterval: (callback) => {
        tick = callback;
        return 1;
      },
      clearInterval: () => {
        stopped = true;
      },
    });
    const stop = startAutoUpdates(updater, on(), options);
    tick();
    stop?.();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: feed }]);
    expect(updater.checks).toEqual(['install', 'install']);
    expect(stopped).toBe(true);
  });

  it('refuse a feed over plain http to another computer, saying why, and never ask it', () => {
    const updater = fakeUpdater();
    const { said, options } = recorder({
      setInterval: () => {
        throw new Error('no periodic check for a refused feed');
      },
    });
    const stop = startAutoUpdates(updater, { autoUpdate: { enabled: true, url: 'http://updates.hospital.example/td/' } }, options);
    expect(stop).toBeNull();
    expect([updater.feeds, updater.checks, updater.request('https://updates.hospital.example/td/latest.yml')]).toEqual([[], [], 'no guard']);
    expect(said.failed).toEqual([
      'The update feed http://updates.hospital.example/td/ is refused: TigerDesk only sends credentials over https; http is allowed only for a server on this computer',
    ]);
  });

  it('take a feed over plain http on this computer', () => {
    const updater = fakeUpdater();
    startAutoUpdates(updater, { autoUpdate: { enabled: true, url: 'http://127.0.0.1:8080/td/' } }, recorder().options)?.();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://127.0.0.1:8080/td/' }]);
  });

  it('cancel every request of the updater that leaves https, a redirect to http or a file latest.yml names there, and log it by origin', () => {
    const updater = fakeUpdater();
    const { said, options } = recorder();
    startAutoUpdates(updater, on(), options);
    expect(updater.request('https://updates.hospital.example/td/latest-mac.yml')).toBe('sent');
    expect(updater.request('https://cdn.hospital.example/TigerDesk-2.0.0-mac.zip')).toBe('sent');
    expect(updater.request('http://127.0.0.1:51234/squirrel.zip')).toBe('sent');
    expect(updater.request('http://mirror.example/td/TigerDesk-2.0.0-mac.zip?token=secret')).toBe('cancelled');
    expect(updater.request('ftp://mirror.example/td.zip')).toBe('cancelled');
    expect(updater.request('not a url')).toBe('cancelled');
    expect(said.failed).toEqual([
      'An update request to http://mirror.example was cancelled: TigerDesk only sends credentials over https; http is allowed only for a server on this computer',
      'An update request to ftp://mirror.example was cancelled: TigerDesk only sends credentials over https; http is allowed only for a server on this computer',
      'An update request to an address that is not a URL was cancelled: TigerDesk only sends credentials over https; http is allowed only for a server on this computer',
    ]);
  });

  it('log an update discarded for a bad signature (the updater deletes it and emits error), and never allow a downgrade', () => {
    const updater = fakeUpdater();
    const { said, options } = recorder({ platform: 'win32', pinnedPublishers: ['CN=TigerDesk'] });
    startAutoUpdates(updater, on(), options);
    updater.emit('error', new Error('New version 2.0.0 is not signed by the application owner: publisherNames: CN=TigerDesk'));
    expect(said.failed).toEqual(['New version 2.0.0 is not signed by the application owner: publisherNames: CN=TigerDesk']);
    expect(updater.allowDowngrade).toBe(false);
  });

  it('report a failed check instead of throwing', async () => {
    const { said, options } = recorder();
    startAutoUpdates(fakeUpdater(() => Promise.reject(new Error('offline'))), on(), options)?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(said.failed).toEqual(['offline']);
  });

  describe('per platform', () => {
    it('Windows: download and install only with a pinned publisher, whose signature check electron-updater then runs', () => {
      const updater = fakeUpdater();
      const { said, options } = recorder({ platform: 'win32', pinnedPublishers: ['CN=TigerDesk, O=TigerDesk'] });
      startAutoUpdates(updater, on(), options);
      expect([updater.autoDownload, updater.autoInstallOnAppQuit, updater.checks]).toEqual([true, true, ['install']]);
      expect(said.info).toEqual([`Automatic updates from ${feed}; each is verified by the installer's Authenticode signature, from CN=TigerDesk, O=TigerDesk before it is installed`]);
    });

    it('Windows without a pinned publisher: only announced, since NsisUpdater would install an unsigned installer', () => {
      for (const pinnedPublishers of [null, []]) {
        const updater = fakeUpdater();
        const { said, options } = recorder({ platform: 'win32', pinnedPublishers });
        startAutoUpdates(updater, on(), options);
        expect([updater.autoDownload, updater.autoInstallOnAppQuit, updater.checks]).toEqual([false, false, ['announce']]);
        expect(said.info[0]).toContain('pins no code-signing publisher');
      }
    });

    it('macOS: download and install, Squirrel.Mac checking the code signature', () => {
      const updater = fakeUpdater();
      startAutoUpdates(updater, on(), recorder({ platform: 'darwin' }).options);
      expect([updater.autoDownload, updater.autoInstallOnAppQuit, updater.checks]).toEqual([true, true, ['install']]);
    });

    it('Linux: only checked, and the user told of a newer version, unless the policy allows unverified installs', () => {
      const updater = fakeUpdater();
      const { said, options } = recorder({ platform: 'linux' });
      startAutoUpdates(updater, on(), options);
      expect([updater.autoDownload, updater.autoInstallOnAppQuit, updater.checks]).toEqual([false, false, ['announce']]);
      updater.emit('update-available', { version: '2.0.0' });
      expect(said.available).toEqual(['2.0.0']);
      expect(said.info).toEqual([
        `Updates from ${feed} are only announced: updates cannot be verified on Linux and the managed settings do not allow unverified ones (allowUnverifiedOnLinux)`,
      ]);

      const allowed = fakeUpdater();
      startAutoUpdates(allowed, on({ allowUnverifiedOnLinux: true }), recorder({ platform: 'linux' }).options);
      expect([allowed.autoDownload, allowed.autoInstallOnAppQuit, allowed.checks]).toEqual([true, true, ['install']]);
    });

    it('allowUnverifiedOnLinux changes nothing elsewhere', () => {
      expect(updatePlan(on({ allowUnverifiedOnLinux: true }), { platform: 'win32', pinnedPublishers: null }).kind).toBe('announce');
      expect(updatePlan(on({ allowUnverifiedOnLinux: false }), { platform: 'darwin', pinnedPublishers: null }).kind).toBe('install');
    });
  });
});

describe("the publisher pinned in the installed app-update.yml", () => {
  it('is read as electron-builder writes it: a list, or one name', () => {
    expect(pinnedPublishersOf('provider: generic\nurl: https://u.example/\npublisherName:\n  - CN=TigerDesk, O=TigerDesk\n  - TigerDesk Ltd\nupdaterCacheDirName: tigerdesk-updater\n')).toEqual([
      'CN=TigerDesk, O=TigerDesk',
      'TigerDesk Ltd',
    ]);
    expect(pinnedPublishersOf("publisherName: 'CN=TigerDesk'\r\nprovider: generic\r\n")).toEqual(['CN=TigerDesk']);
  });

  it('is none when the file names none', () => {
    expect(pinnedPublishersOf('provider: generic\nurl: https://u.example/\nupdaterCacheDirName: tigerdesk-updater\n')).toBeNull();
    expect(pinnedPublishersOf('publisherName:\nprovider: generic\n')).toBeNull();
  });
});
