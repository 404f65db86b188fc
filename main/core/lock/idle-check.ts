/**
 * When the window locks for idle time: the OS's idle time (seconds since the last input to any
 * app, Electron's powerMonitor.getSystemIdleTime) against the timeout. Pure, so the shell's
 * watcher only reads the OS and sets one timer: it checks again exactly when the timeout would
 * run out if nobody touched anything, and never more often than once a second.
 */
export interface IdleCheck {
  lockNow: boolean;
  /** When to look again, in ms. */
  nextCheckMs: number;
}

const shortestCheckMs = 1_000;

export function idleCheck(idleSeconds: number, timeoutMinutes: number): IdleCheck {
  const timeoutMs = timeoutMinutes * 60_000;
  const idleMs = Math.max(0, idleSeconds) * 1000;
  if (idleMs >= timeoutMs) return { lockNow: true, nextCheckMs: timeoutMs };
  return { lockNow: false, nextCheckMs: Math.max(shortestCheckMs, timeoutMs - idleMs) };
}
