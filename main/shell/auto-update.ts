// Automatic updates through electron-updater's generic provider, only when the managed
// settings turn them on and name the update server: a hospital decides when software
// changes on its machines. What may be installed depends on what can be verified first:
// - Windows: NsisUpdater checks the downloaded installer's Authenticode signature against
//   the publisher pinned in electron-builder.yml (written into resources/app-update.yml at
//   packaging). Without that pin it installs anything, so then updates are only announced.
// - macOS: Squirrel.Mac installs only an update signed with the running app's own code
//   signing identity (its designated requirement).
// - Linux: AppImage and deb updates are checked against a hash from the same feed, nothing
//   more, so they are only announced unless the policy says `allowUnverifiedOnLinux`.
// A feed over plain http (not on this computer) is refused, and so is every request of the
// updater's own network session that leaves https (a redirect, a file URL in latest.yml).
import type { UpdateInfo } from 'electron-updater';
import { readFile } from 'node:fs/promises';
import { httpsOnly, httpsOrLoopback } from '../core/session/https-rule';
import type { ManagedPolicy } from '../core/settings/managed-policy';

/** What startApp uses of electron-updater's AppUpdater (main/index.ts passes the real one). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown;
  on(event: 'update-available', listener: (info: UpdateInfo) => void): unknown;
  /** The session every request of the updater goes through (electron-updater's own partition). */
  readonly netSession: {
    webRequest: {
      onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
    };
  };
}

/** What the policy and the platform allow: nothing, announcing only, or installing verified updates. */
export type UpdatePlan =
  | { kind: 'off' }
  | { kind: 'refused'; reason: string }
  | { kind: 'announce'; feed: string; reason: string }
  | { kind: 'install'; feed: string; verifiedBy: string };

export interface UpdateEnvironment {
  platform: NodeJS.Platform;
  /** Windows: the publishers pinned in the installed app-update.yml (none: null). */
  pinnedPublishers: readonly string[] | null;
}

export function updatePlan(policy: ManagedPolicy, environment: UpdateEnvironment): UpdatePlan {
  const setting = policy.autoUpdate;
  if (setting?.enabled !== true) return { kind: 'off' };
  const feed = setting.url;
  if (!httpsOrLoopback(new URL(feed))) return { kind: 'refused', reason: `The update feed ${feed} is refused: ${httpsOnly}` };
  switch (environment.platform) {
    case 'win32':
      if (environment.pinnedPublishers === null || environment.pinnedPublishers.length === 0) {
        return { kind: 'announce', feed, reason: 'this build pins no code-signing publisher (app-update.yml has no publisherName), so an installer could not be verified' };
      }
      return { kind: 'install', feed, verifiedBy: `the installer's Authenticode signature, from ${environment.pinnedPublishers.join(' or ')}` };
    case 'darwin':
      return { kind: 'install', feed, verifiedBy: "the update's code signature, the same Developer ID as this app (Squirrel.Mac)" };
    default:
      if (setting.allowUnverifiedOnLinux === true) {
        return { kind: 'install', feed, verifiedBy: 'nothing but its hash from the same feed (allowed by the managed settings: allowUnverifiedOnLinux)' };
      }
      return { kind: 'announce', feed, reason: 'updates cannot be verified on Linux and the managed settings do not allow unverified ones (allowUnverifiedOnLinux)' };
  }
}

/**
 * The publishers app-update.yml pins, as electron-builder writes them (`publisherName:`
 * then `  - name` lines, or one value on the same line); null when it names none.
 */
export function pinnedPublishersOf(appUpdateYml: string): string[] | null {
  const lines = appUpdateYml.split(/\r?\n/);
  const start = lines.findIndex((line) => /^publisherName:/.test(line));
  if (start === -1) return null;
  const unquote = (value: string) => value.trim().replace(/^(['"])(.*)\1$/, '$2');
  const inline = lines[start]!.slice('publisherName:'.length).trim();
  if (inline !== '') return [unquote(inline)];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+(.+)$/.exec(line);
    if (item === null) break;
    names.push(unquote(item[1]!));
  }
  return names.length > 0 ? names : null;
}

/**
 * The installed app-update.yml's pins (resources/app-update.yml); none when it is missing or
 * unreadable, so that updates are then only announced rather than the app failing to start.
 */
export async function readPinnedPublishers(appUpdateYml: string): Promise<string[] | null> {
  try {
    return pinnedPublishersOf(await readFile(appUpdateYml, 'utf8'));
  } catch {
    return null;
  }
}

export interface AutoUpdateOptions extends UpdateEnvironment {
  everyMs?: number;
  /** A refused feed, a failed check, and an update discarded because it failed verification. */
  failed(error: unknown): void;
  /** For the log: what is checked, and how updates are verified. */
  info(message: string): void;
  /** For the user: a newer version that this machine only announces (IT installs it). */
  available(version: string): void;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Starts checking when the policy says so; returns the stop function, or null when updates are off (or refused, told to `failed`). */
export function startAutoUpdates(updater: UpdaterLike, policy: ManagedPolicy, options: AutoUpdateOptions): (() => void) | null {
  const plan = updatePlan(policy, options);
  if (plan.kind === 'off') return null;
  if (plan.kind === 'refused') {
    options.failed(new Error(plan.reason));
    return null;
  }
  // Every request, the redirects electron-updater follows by hand and the files latest.yml
  // names included, is cancelled unless it keeps to https (or this computer).
  updater.netSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isPrivateAddress(details.url);
    if (!allowed) options.failed(new Error(`An update request to ${originOf(details.url)} was cancelled: ${httpsOnly}`));
    callback({ cancel: !allowed });
  });
  // electron-updater reports a failed download, a hash mismatch and a refused signature
  // (ERR_UPDATER_INVALID_SIGNATURE) here, after deleting the file: nothing is left to install.
  updater.on('error', (error) => options.failed(error));
  updater.allowDowngrade = false;
  updater.setFeedURL({ provider: 'generic', url: plan.feed });
  const installing = plan.kind === 'install';
  updater.autoDownload = installing;
  updater.autoInstallOnAppQuit = installing;
  if (installing) {
    options.info(`Automatic updates from ${plan.feed}; each is verified by ${plan.verifiedBy} before it is installed`);
  } else {
    options.info(`Updates from ${plan.feed} are only announced: ${plan.reason}`);
    updater.on('update-available', (info) => options.available(info.version));
  }
  const check = () => {
    (installing ? updater.checkForUpdatesAndNotify() : updater.checkForUpdates()).catch(options.failed);
  };
  check();
  const every = options.setInterval ?? ((callback, ms) => setInterval(callback, ms).unref());
  const stop = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  const handle = every(check, options.everyMs ?? 4 * 60 * 60 * 1000);
  return () => stop(handle);
}

function isPrivateAddress(address: string): boolean {
  try {
    return httpsOrLoopback(new URL(address));
  } catch {
    return false;
  }
}

/** Only the origin: a feed's path or query may hold a token. */
function originOf(address: string): string {
  try {
    return new URL(address).origin;
  } catch {
    return 'an address that is not a URL';
  }
}
