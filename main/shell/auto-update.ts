// Automatic updates through electron-updater's generic provider, only when the managed
// settings turn them on and name the update server: a hospital decides when software
// changes on its machines. A feed over plain http (not on this computer) is refused: whoever
// sits on the wire could hand every machine the code it installs.
import type { AppUpdater } from 'electron-updater';
import { httpsOnly, httpsOrLoopback } from '../core/session/https-rule';
import type { ManagedPolicy } from '../core/settings/managed-policy';

export type UpdaterLike = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdatesAndNotify'> & { autoDownload: boolean };

export interface AutoUpdateOptions {
  everyMs?: number;
  failed(error: unknown): void;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Starts checking when the policy says so; returns the stop function, or null when updates are off (or refused, told to `failed`). */
export function startAutoUpdates(updater: UpdaterLike, policy: ManagedPolicy, options: AutoUpdateOptions): (() => void) | null {
  if (policy.autoUpdate?.enabled !== true) return null;
  if (!httpsOrLoopback(new URL(policy.autoUpdate.url))) {
    options.failed(new Error(`The update feed ${policy.autoUpdate.url} is refused: ${httpsOnly}`));
    return null;
  }
  updater.setFeedURL({ provider: 'generic', url: policy.autoUpdate.url });
  updater.autoDownload = true;
  const check = () => {
    updater.checkForUpdatesAndNotify().catch(options.failed);
  };
  check();
  const every = options.setInterval ?? ((callback, ms) => setInterval(callback, ms).unref());
  const stop = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  const handle = every(check, options.everyMs ?? 4 * 60 * 60 * 1000);
  return () => stop(handle);
}
