/**
 * Acknowledges events to the server in batches. Only ids whose storing transaction has
 * committed are ever given to it (hence `committed`), because an acknowledged event never
 * comes back: acking one that was not stored would lose it for good.
 *
 * A failed ack keeps its ids and is retried after a backoff; nothing is dropped until the
 * server accepted it or `close()` is called (then the server simply replays those events,
 * and storing them again is a no-op).
 */
import type { Backoff } from './backoff';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log/logger';

export interface AckBatcherOptions {
  /** Posts one batch; resolves once the server accepted it. */
  ack: (ids: string[]) => Promise<void>;
  /** The most ids in one request; reaching it sends at once. */
  maxBatch: number;
  /**
   * The most requests in flight at once (default 1). A replay commits faster than one ack
   * at a time can follow while the process is busy storing: more at once keeps the ids
   * waiting for the server few, and the end of a replay close behind its last commit.
   */
  maxInFlight?: number;
  /** How long the first id of a batch may wait for company, in ms. */
  delayMs: number;
  /** Delays between retries of a failed ack. */
  backoff: Backoff;
  clock: Clock;
  log: Logger;
}

export interface AckBatcher {
  /** Ids of events whose storing transaction has committed. */
  committed(ids: readonly string[]): void;
  /** Sends everything pending now; resolves when sent, or when a send failed (then a retry is scheduled). */
  flush(): Promise<void>;
  /**
   * Cancels timers, forgets unsent ids and ignores further ones until `open()` (the server
   * replays what was not acknowledged, so nothing is lost, only stored again as a no-op).
   */
  close(): void;
  open(): void;
  /** Ids committed but not yet accepted by the server. */
  readonly pending: number;
}

export function createAckBatcher(options: AckBatcherOptions): AckBatcher {
  const { clock, log, backoff } = options;
  if (!(options.maxBatch >= 1)) throw new RangeError('ack batch size must be at least 1');
  const maxInFlight = options.maxInFlight ?? 1;
  if (!(maxInFlight >= 1)) throw new RangeError('acks in flight must be at least 1');
  // Ordered and unique: ids not yet sent (a refused batch goes back to the head).
  let pending: string[] = [];
  // Every id committed and not yet accepted, sent or not.
  let queued = new Set<string>();
  let timer: TimerHandle | undefined;
  let retryWaiting = false;
  let flights = new Set<Promise<void>>();
  // Bumped by close(), so a send that was in flight does not touch the new, empty state.
  let epoch = 0;
  let closed = false;

  function clearTimer(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  function schedule(): void {
    if (retryWaiting || pending.length === 0) return;
    while (pending.length >= options.maxBatch && flights.size < maxInFlight) launch();
    if (pending.length > 0 && flights.size === 0 && timer === undefined) {
      timer = clock.setTimeout(() => {
        timer = undefined;
        sendNow();
      }, options.delayMs);
    }
  }

  /** Sends the head batch; once accepted its ids are done, once refused they go back to the head for a retry. */
  function launch(): void {
    const batch = pending.slice(0, options.maxBatch);
    pending = pending.slice(batch.length);
    const myEpoch = epoch;
    const flight: Promise<void> = options.ack(batch).then(
      () => {
        flights.delete(flight);
        if (epoch !== myEpoch) return;
        for (const id of batch) queued.delete(id);
        backoff.reset();
        schedule();
      },
      (error: unknown) => {
        flights.delete(flight);
        if (epoch !== myEpoch) return;
        log.warn('acknowledging events failed; will retry', {
          count: batch.length,
          error: error instanceof Error ? error.name : 'unknown',
        });
        pending = [...batch, ...pending];
        if (retryWaiting) return;
        retryWaiting = true;
        clearTimer();
        timer = clock.setTimeout(() => {
          timer = undefined;
          retryWaiting = false;
          sendNow();
        }, backoff.next());
      },
    );
    flights.add(flight);
  }

  /** Starts as many requests as may be in flight, full batches or not. */
  function sendNow(): void {
    clearTimer();
    while (pending.length > 0 && flights.size < maxInFlight && !retryWaiting) launch();
  }

  return {
    committed(ids) {
      if (closed) return;
      for (const id of ids) {
        if (queued.has(id)) continue;
        queued.add(id);
        pending.push(id);
      }
      schedule();
    },
    async flush() {
      const myEpoch = epoch;
      // A flush tries now, without waiting out the backoff of a retry.
      retryWaiting = false;
      // Requests already in flight may have started before the latest ids: run until caught up.
      for (;;) {
        sendNow();
        if (flights.size === 0) return;
        await Promise.race(flights);
        if (epoch !== myEpoch || retryWaiting) return;
      }
    },
    close() {
      closed = true;
      epoch += 1;
      clearTimer();
      retryWaiting = false;
      flights = new Set();
      pending = [];
      queued = new Set();
      backoff.reset();
    },
    open() {
      closed = false;
    },
    get pending() {
      return queued.size;
    },
  };
}
