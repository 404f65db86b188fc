// The evidence that the event stream may be dead whatever it reports (DESIGN.md: reconnect on
// evidence, not on trust): waking from sleep, unlocking the screen, and the network coming
// back. Electron's main process has no "online" event, so the network is polled.
import type { DesktopPlatform } from './platform';

export type WakeReason = 'resume' | 'unlock-screen' | 'network-back';

/** Calls `kick` on resume and unlock; returns the unsubscription. */
export function kickOnWake(powerMonitor: DesktopPlatform['powerMonitor'], kick: (reason: WakeReason) => void): () => void {
  const onResume = () => kick('resume');
  const onUnlock = () => kick('unlock-screen');
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);
  return () => {
    powerMonitor.off('resume', onResume);
    powerMonitor.off('unlock-screen', onUnlock);
  };
}

export interface NetworkWatchOptions {
  /** Electron's `net.isOnline`. */
  isOnline(): boolean;
  changed(online: boolean): void;
  intervalMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Reports each change of `isOnline` (not the first reading); returns the stop function. */
export function watchNetwork(options: NetworkWatchOptions): () => void {
  const every = options.setInterval ?? ((callback, ms) => setInterval(callback, ms).unref());
  const stop = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  let online = options.isOnline();
  const handle = every(() => {
    const now = options.isOnline();
    if (now === online) return;
    online = now;
    options.changed(now);
  }, options.intervalMs ?? 5_000);
  return () => stop(handle);
}
