// What locks the window besides the user: the time without input (powerMonitor's system idle
// time, checked by one timer in main, since a hidden window's own timers are throttled), and
// at once the OS locking its screen or going to sleep.
import type { Clock, TimerHandle } from '../core/clock';
import { idleCheck } from '../core/lock/idle-check';
import type { LockReason } from '../core/lock/screen-lock';
import type { DesktopPlatform } from './platform';

export interface IdleLockOptions {
  powerMonitor: DesktopPlatform['powerMonitor'];
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Minutes without input before the lock; read at every check, so a new setting applies at the next (see `reschedule`). */
  timeoutMinutes(): number;
  lock(reason: LockReason): void;
}

export interface IdleLock {
  /** The timeout changed: checks again now. */
  reschedule(): void;
  stop(): void;
}

export function lockWhenIdle(options: IdleLockOptions): IdleLock {
  const { powerMonitor, clock } = options;
  let timer: TimerHandle | null = null;
  let stopped = false;
  const check = () => {
    timer = null;
    if (stopped) return;
    const { lockNow, nextCheckMs } = idleCheck(powerMonitor.getSystemIdleTime(), options.timeoutMinutes());
    if (lockNow) options.lock('idle');
    timer = clock.setTimeout(check, nextCheckMs);
  };
  const onScreenLocked = () => options.lock('os-locked');
  const onSleep = () => options.lock('sleep');
  powerMonitor.on('lock-screen', onScreenLocked);
  powerMonitor.on('suspend', onSleep);
  check();
  return {
    reschedule() {
      if (timer !== null) clock.clearTimeout(timer);
      check();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      powerMonitor.off('lock-screen', onScreenLocked);
      powerMonitor.off('suspend', onSleep);
    },
  };
}
