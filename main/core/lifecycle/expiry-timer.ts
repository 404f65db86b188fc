/**
 * One timer to the next expiry, never polling: armed for the earliest `expires_at` held,
 * re-armed after every change that may move it, and after each expiry run.
 */
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log/logger';

/** setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days); longer waits go in steps. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface ExpiryTimerOptions {
  clock: Clock;
  /** When the next held message expires (ms), or null when none will. */
  nextExpiry: () => number | null;
  /** Erases everything whose time is up at `now`. */
  expire: (now: number) => Promise<void>;
  log: Logger;
  /** After a failed run, the wait before the next attempt. Default 5 s. */
  retryMs?: number;
  /** What a run does, for the log when it fails. Default "erasing expired messages". */
  work?: string;
}

export interface ExpiryTimer {
  /** Looks again at the next expiry and arms the timer for it (at once when it is already due). */
  rearm(): void;
  /** Resolves when no expiry run is in progress. */
  idle(): Promise<void>;
  stop(): void;
}

export function createExpiryTimer(options: ExpiryTimerOptions): ExpiryTimer {
  const { clock, log } = options;
  const retryMs = options.retryMs ?? 5_000;
  let handle: TimerHandle | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const clear = () => {
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = undefined;
  };

  const fire = () => {
    handle = undefined;
    running = (async () => {
      try {
        await options.expire(clock.now());
        running = undefined;
        timer.rearm();
      } catch (error) {
        running = undefined;
        // The rows are still there and still due: try again later rather than at once, forever.
        log.error(`${options.work ?? 'erasing expired messages'} failed; retrying`, { error: (error as Error).name, retryMs });
        if (!stopped) handle = clock.setTimeout(fire, retryMs);
      }
    })();
  };

  const timer: ExpiryTimer = {
    rearm() {
      // A run in progress re-arms when it ends.
      if (stopped || running !== undefined) return;
      clear();
      const next = options.nextExpiry();
      if (next === null) return;
      const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, next - clock.now()));
      handle = clock.setTimeout(fire, delay);
    },
    async idle() {
      while (running !== undefined) await running;
    },
    stop() {
      stopped = true;
      clear();
    },
  };
  return timer;
}
