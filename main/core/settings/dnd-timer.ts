/**
 * Wakes once at each start and end of the Do Not Disturb schedule, never polling, so that what
 * follows Do Not Disturb (notifications withdrawn, the tray, the window's settings) changes at
 * the stated times. Aimed anew when the preferences change and when the machine wakes (timers
 * stop during sleep).
 */
import type { Clock, TimerHandle } from '../clock';
import { MAX_TIMER_DELAY_MS } from '../lifecycle/expiry-timer';
import { doNotDisturbAt, nextScheduleChange } from './dnd-schedule';
import type { DoNotDisturbSchedule } from './dnd-schedule';

export interface DoNotDisturbTimerOptions {
  clock: Clock;
  preferences: () => { doNotDisturb: boolean; doNotDisturbSchedule: DoNotDisturbSchedule };
  /** Do Not Disturb as it is now, each time the schedule turned it on or off. */
  changed: (on: boolean) => void;
}

export interface DoNotDisturbTimer {
  /** Looks at the schedule again: after a change of the preferences, or a wake. Tells `changed` if Do Not Disturb turned meanwhile. */
  rearm(): void;
  stop(): void;
}

export function createDoNotDisturbTimer(options: DoNotDisturbTimerOptions): DoNotDisturbTimer {
  const { clock } = options;
  let handle: TimerHandle | undefined;
  let stopped = false;
  let shown = doNotDisturbAt(options.preferences(), clock.now());

  const check = () => {
    const now = doNotDisturbAt(options.preferences(), clock.now());
    if (now !== shown) {
      shown = now;
      options.changed(now);
    }
  };

  const timer: DoNotDisturbTimer = {
    rearm() {
      if (stopped) return;
      if (handle !== undefined) clock.clearTimeout(handle);
      handle = undefined;
      check();
      const next = nextScheduleChange(options.preferences().doNotDisturbSchedule, clock.now());
      if (next === null) return;
      handle = clock.setTimeout(() => {
        handle = undefined;
        timer.rearm();
      }, Math.min(MAX_TIMER_DELAY_MS, Math.max(0, next - clock.now())));
    },
    stop() {
      stopped = true;
      if (handle !== undefined) clock.clearTimeout(handle);
      handle = undefined;
    },
  };
  return timer;
}
