/**
 * Delays between reconnect (or re-ack) attempts: exponential, capped, with jitter so that
 * many clients dropped at once by the server do not all come back in the same instant.
 * Randomness is injected, so a test that passes `() => 0.5` knows every delay exactly.
 */
export type Jitter = 'full' | 'decorrelated';

export interface BackoffOptions {
  /** The first delay's ceiling, in ms. */
  baseMs: number;
  /** No delay is ever longer than this, in ms. */
  capMs: number;
  jitter: Jitter;
  /** Uniform in [0, 1), like Math.random. */
  random: () => number;
}

export interface Backoff {
  /** The delay before the next attempt; each call counts one more failure. */
  next(): number;
  /** Back to the first step: call only once a connection has proven healthy. */
  reset(): void;
  /** Failures counted since the last reset. */
  readonly attempts: number;
}

/** Full jitter: uniform in [0, min(cap, base * 2^attempt)]. */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 52));
  return Math.floor(random() * ceiling);
}

/** Decorrelated jitter: uniform in [base, previous * 3], capped; grows from the last delay, not the count. */
export function decorrelatedJitterDelay(previousMs: number, baseMs: number, capMs: number, random: () => number): number {
  const upper = Math.max(baseMs, previousMs * 3);
  return Math.min(capMs, Math.floor(baseMs + random() * (upper - baseMs)));
}

export function createBackoff(options: BackoffOptions): Backoff {
  if (!(options.baseMs > 0) || !(options.capMs >= options.baseMs)) {
    throw new RangeError('backoff needs 0 < baseMs <= capMs');
  }
  let attempts = 0;
  let previousMs = options.baseMs;
  return {
    next() {
      const { baseMs, capMs, random } = options;
      const delay = options.jitter === 'full'
        ? fullJitterDelay(attempts, baseMs, capMs, random)
        : decorrelatedJitterDelay(previousMs, baseMs, capMs, random);
      attempts += 1;
      previousMs = delay;
      return delay;
    },
    reset() {
      attempts = 0;
      previousMs = options.baseMs;
    },
    get attempts() {
      return attempts;
    },
  };
}
