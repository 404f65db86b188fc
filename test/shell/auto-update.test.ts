import { describe, expect, it } from 'vitest';
import { startAutoUpdates } from '../../main/shell/auto-update';

function fakeUpdater(result: Promise<null> = Promise.resolve(null)) {
  const updater = {
    feeds: [] as unknown[],
    checks: 0,
    autoDownload: false,
    setFeedURL: (options: unknown) => void updater.feeds.push(options),
    checkForUpdatesAndNotify: () => {
      updater.checks += 1;
      return result;
    },
  };
  return updater;
}

describe('automatic updates', () => {
  it('are off unless the managed settings turn them on', () => {
    const updater = fakeUpdater();
    expect(startAutoUpdates(updater as never, {}, { failed: () => {} })).toBeNull();
    expect(startAutoUpdates(updater as never, { autoUpdate: { enabled: false } }, { failed: () => {} })).toBeNull();
    expect([updater.feeds, updater.checks]).toEqual([[], 0]);
  });

  it('check the generic feed the managed settings name, now and periodically, until stopped', () => {
    const updater = fakeUpdater();
    let tick: () => void = () => {};
    let stopped = false;
    const stop = startAutoUpdates(updater as never, { autoUpdate: { enabled: true, url: 'https://updates.hospital.example/td/' } }, {
      failed: () => {},
      setInterval: (callback) => {
        tick = callback;
        return 1;
      },
      clearInterval: () => {
        stopped = true;
      },
    });
    tick();
    stop?.();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.hospital.example/td/' }]);
    expect(updater.autoDownload).toBe(true);
    expect(updater.checks).toBe(2);
    expect(stopped).toBe(true);
  });

  it('refuse a feed over plain http to another computer, saying why, and never ask it', () => {
    const updater = fakeUpdater();
    const failures: unknown[] = [];
    const stop = startAutoUpdates(updater as never, { autoUpdate: { enabled: true, url: 'http://updates.hospital.example/td/' } }, {
      failed: (error) => failures.push(error),
      setInterval: () => {
        throw new Error('no periodic check for a refused feed');
      },
    });
    expect(stop).toBeNull();
    expect([updater.feeds, updater.checks, updater.autoDownload]).toEqual([[], 0, false]);
    expect(failures.map((error) => (error as Error).message)).toEqual([
      'The update feed http://updates.hospital.example/td/ is refused: TigerDesk only sends credentials over https; http is allowed only for a server on this computer',
    ]);
  });

  it('take a feed over plain http on this computer', () => {
    const updater = fakeUpdater();
    const stop = startAutoUpdates(updater as never, { autoUpdate: { enabled: true, url: 'http://127.0.0.1:8080/td/' } }, {
      failed: () => {},
      setInterval: () => 1,
      clearInterval: () => {},
    });
    stop?.();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://127.0.0.1:8080/td/' }]);
  });

  it('report a failed check instead of throwing', async () => {
    const failures: unknown[] = [];
    const stop = startAutoUpdates(fakeUpdater(Promise.reject(new Error('offline'))) as never, { autoUpdate: { enabled: true, url: 'https://u.example/' } }, {
      failed: (error) => failures.push(error),
      setInterval: () => 1,
      clearInterval: () => {},
    });
    await new Promise((resolve) => setImmediate(resolve));
    stop?.();
    expect(failures).toHaveLength(1);
  });
});
