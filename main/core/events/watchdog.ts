/**
 * Notices a stream that has gone quiet. A half-open TCP connection (laptop asleep, Wi-Fi
 * switched, a proxy that dropped us) looks exactly like a server with nothing to say, so
 * silence longer than the heartbeat allows is treated as a dead connection.
 */
import type { Clock, TimerHandle } from '../clock';

export interface WatchdogOptions {
  /** How long a stream may stay silent, in ms (the heartbeat interval times a margin). */
  silenceMs: number;
  onSilence: () => void;
  clock: Clock;
}

export interface Watchdog {
  /** Arm it, counting silence from now. */
  start(): void;
  /** Something arrived: silence starts over. Cheap enough to call for every chunk. */
  feed(): void;
  stop(): void;
  readonly running: boolean;
}

export function createWatchdog(options: WatchdogOptions): Watchdog {
  const { clock, silenceMs } = options;
  if (!(silenceMs > 0)) throw new RangeError('watchdog silenceMs must be positive');
  let lastHeardAt = 0;
  let timer: TimerHandle | undefined;

  // One timer for the whole silence: feed() only records the time, and the timer re-arms
  // itself for the remainder when it finds something arrived meanwhile.
  function arm(ms: number): void {
    timer = clock.setTimeout(check, ms);
  }

  function check(): void {
    timer = undefined;
    const quietFor = clock.now() - lastHeardAt;
    if (quietFor >= silenceMs) {
      options.onSilence();
      return;
    }
    arm(silenceMs - quietFor);
  }

  return {
    start() {
      if (timer !== undefined) clock.clearTimeout(timer);
      lastHeardAt = clock.now();
      arm(silenceMs);
    },
    feed() {
      lastHeardAt = clock.now();
    },
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
    get running() {
      return timer !== undefined;
    },
  };
}
