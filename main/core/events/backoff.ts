/**
 * Delays between reconnect (or re-ack) attempts: exponential, capped, with full jitter so
 * that many clients dropped at once by the server do not all come back in the same instant.
 * Randomness is injected, so a test that passes `() => 0.5` knows every delay exactly.
 */
export interface BackoffOptions {
  /** The first delay's ceiling, in ms. */
  baseMs: number;
  /** No delay is ever longer than this, in ms. */
  capMs: number;
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

export function createBackoff(options: BackoffOptions): Backoff {
  if (!(options.baseMs > 0) || !(options.capMs >= options.baseMs)) {
    throw new RangeError('backoff needs 0 < baseMs <= capMs');
  }
  let attempts = 0;
  return {
    next() {
      const delay = fullJitterDelay(attempts, options.baseMs, options.capMs, options.random);
      attempts += 1;
      return delay;
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
