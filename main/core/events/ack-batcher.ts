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
import type { Clock, TimerHandle } from './clock';
import type { Logger } from '../log/logger';

export interface AckBatcherOptions {
  /** Posts one batch; resolves once the server accepted it. */
  ack: (ids: string[]) => Promise<void>;
  /** The most ids in one request; reaching it sends at once. */
  maxBatch: number;
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
  // Ordered and unique: the head is what is being (or will next be) sent.
  let pending: string[] = [];
  let queued = new Set<string>();
  let timer: TimerHandle | undefined;
  let retryWaiting = false;
  let sending: Promise<void> | undefined;
  // Bumped by close(), so a send that was in flight does not touch the new, empty state.
  let epoch = 0;
  let closed = false;

  function clearTimer(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  function schedule(): void {
    if (sending !== undefined || retryWaiting || pending.length === 0) return;
    if (pending.length >= options.maxBatch) {
      void send();
    } else if (timer === undefined) {
      timer = clock.setTimeout(() => {
        timer = undefined;
        void send();
      }, options.delayMs);
    }
  }

  /** Sends the head batch; true once the server accepted it (or close() made it moot). */
  async function sendBatch(myEpoch: number): Promise<boolean> {
    const batch = pending.slice(0, options.maxBatch);
    try {
      await options.ack(batch);
    } catch (error) {
      if (epoch === myEpoch) {
        log.warn('acknowledging events failed; will retry', {
          count: batch.length,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
      return false;
    }
    if (epoch !== myEpoch) return true;
    pending = pending.slice(batch.length);
    for (const id of batch) queued.delete(id);
    backoff.reset();
    return true;
  }

  function send(): Promise<void> {
    if (sending !== undefined) return sending;
    clearTimer();
    retryWaiting = false;
    const myEpoch = epoch;
    const attempt: Promise<void> = sendBatch(myEpoch).then((ok) => {
      if (sending === attempt) sending = undefined;
      if (epoch !== myEpoch) return;
      if (ok) {
        schedule();
        return;
      }
      retryWaiting = true;
      timer = clock.setTimeout(() => {
        timer = undefined;
        void send();
      }, backoff.next());
    });
    sending = attempt;
    return attempt;
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
      // A send already in flight may have started before the latest ids: run until caught up.
      while (pending.length > 0) {
        const before = epoch;
        await send();
        if (epoch !== before || retryWaiting) return;
      }
    },
    close() {
      closed = true;
      epoch += 1;
      clearTimer();
      retryWaiting = false;
      sending = undefined;
      pending = [];
      queued = new Set();
      backoff.reset();
    },
    open() {
      closed = false;
    },
    get pending() {
      return pending.length;
    },
  };
}
