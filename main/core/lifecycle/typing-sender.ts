/**
 * Tells the other side that this user is typing: a start when typing begins and again every
 * `repeatMs` while it goes on (receivers forget a start after 15 s), a stop after `idleMs`
 * without a keystroke, on sending, or on moving to another conversation. Best effort: a
 * failed call is logged, never retried (the next keystroke or the receiver's timeout fixes it).
 */
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log/logger';

export interface TypingSenderOptions {
  start: (recipient: string) => Promise<void>;
  stop: (recipient: string) => Promise<void>;
  clock: Clock;
  log: Logger;
  /** Default 10 s. */
  repeatMs?: number;
  /** Default 5 s. */
  idleMs?: number;
}

export interface TypingSender {
  /** A keystroke in the conversation with `recipient` (a user or group token). */
  typed(recipient: string): void;
  /** Typing ended (message sent, text cleared, window left): stop now if started. */
  stopped(): void;
  dispose(): void;
}

export function createTypingSender(options: TypingSenderOptions): TypingSender {
  const { clock, log } = options;
  const repeatMs = options.repeatMs ?? 10_000;
  const idleMs = options.idleMs ?? 5_000;
  let active: { recipient: string; startedAt: number } | undefined;
  let idle: TimerHandle | undefined;
  // One call at a time, in order: a stop overtaken by its start would leave "typing" showing.
  let calls: Promise<void> = Promise.resolve();

  const call = (what: 'start' | 'stop', recipient: string) => {
    calls = calls.then(() => options[what](recipient)).catch((error: unknown) => {
      log.warn(`typing ${what} failed`, { error: error instanceof Error ? error.message : typeof error });
    });
  };

  const clearIdle = () => {
    if (idle !== undefined) clock.clearTimeout(idle);
    idle = undefined;
  };

  const stopNow = () => {
    clearIdle();
    if (active === undefined) return;
    const { recipient } = active;
    active = undefined;
    call('stop', recipient);
  };

  return {
    typed(recipient) {
      if (active !== undefined && active.recipient !== recipient) stopNow();
      const now = clock.now();
      if (active === undefined || now - active.startedAt >= repeatMs) {
        active = { recipient, startedAt: now };
        call('start', recipient);
      }
      clearIdle();
      idle = clock.setTimeout(stopNow, idleMs);
    },
    stopped: stopNow,
    dispose() {
      clearIdle();
      active = undefined;
    },
  };
}
