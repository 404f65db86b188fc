/**
 * Sends the receipts owed (pending-receipts.ts) in batches with `PUT /v2/message/status`:
 * debounced until the writes pause (or at most `maxDelayMs`), so a burst of stored or read
 * messages goes as few requests, and a replay of a backlog is stored before its receipts
 * compete with it for the server and the disk; retried with backoff
 * when the network or server fails; never dropped while a retry can still succeed. Only a
 * receipt the server refuses on its own (an unknown or erased message) is dropped, found by
 * halving a refused batch.
 */
import { ApiError } from '../api/api-error';
import type { StatusUpdate } from '../api/messages';
import { createBackoff } from '../events/backoff';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log/logger';
import type { OwedReceipt, Store } from '../store';
import {
  isEmpty, nextReceipts, receiptCount, settle, splitReceipts, type ReceiptBatch,
} from './pending-receipts';

export interface ReceiptSenderOptions {
  store: Store;
  send: (update: StatusUpdate) => Promise<void>;
  clock: Clock;
  log: Logger;
  /** The quiet after the last receipt owed before the batch goes. Default 1 s. */
  delayMs?: number;
  /** The longest a receipt waits for the quiet, from the first one owed. Default 10 s. */
  maxDelayMs?: number;
  /** The most receipts in one request. Default 500. */
  maxBatch?: number;
  retry?: { baseMs: number; capMs: number };
  random?: () => number;
}

export interface ReceiptSender {
  /** Something was owed: send once nothing more was owed for the debounce delay (or the longest wait is up). */
  schedule(): void;
  /** Sends everything owed now; resolves when the attempt is over (sent, or left for a retry). */
  flush(): Promise<void>;
  stop(): void;
}

type Outcome = 'sent' | 'retry-later';

export function createReceiptSender(options: ReceiptSenderOptions): ReceiptSender {
  const { store, clock, log } = options;
  const delayMs = options.delayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const maxBatch = options.maxBatch ?? 500;
  const backoff = createBackoff({
    baseMs: options.retry?.baseMs ?? 2_000,
    capMs: options.retry?.capMs ?? 300_000,
    random: options.random ?? Math.random,
  });
  let handle: TimerHandle | undefined;
  /** When the debounce under way began; undefined while none is (or a retry waits). */
  let debounceSince: number | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const disarm = () => {
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = undefined;
    debounceSince = undefined;
  };

  const arm = (ms: number) => {
    handle = clock.setTimeout(() => {
      handle = undefined;
      debounceSince = undefined;
      void sender.flush();
    }, ms);
  };

  const debounce = () => {
    // A retry waiting for its backoff is not hurried: new receipts wait with the old.
    if (stopped || (handle !== undefined && debounceSince === undefined)) return;
    const now = clock.now();
    const since = debounceSince ?? now;
    if (handle !== undefined) clock.clearTimeout(handle);
    arm(Math.max(0, Math.min(delayMs, since + maxDelayMs - now)));
    debounceSince = since;
  };

  /** Sends one batch; a batch the server refuses is halved until the refused receipts are alone. */
  const sendBatch = async (batch: ReceiptBatch): Promise<Outcome> => {
    try {
      await options.send({
        ...(batch.delivered.length > 0 ? { delivered: tokensOf(batch.delivered) } : {}),
        ...(batch.read.length > 0 ? { read: tokensOf(batch.read) } : {}),
      });
      settle(store, batch);
      return 'sent';
    } catch (error) {
      if (!refusedForGood(error)) {
        log.warn('sending receipts failed; will retry', { count: receiptCount(batch), error: describe(error) });
        return 'retry-later';
      }
      if (receiptCount(batch) === 1) {
        log.warn('the server refused a receipt; dropped', {
          kind: batch.read.length === 1 ? 'read' : 'delivered',
          messageToken: (batch.read[0] ?? batch.delivered[0])?.token,
          error: describe(error),
        });
        settle(store, batch);
        return 'sent';
      }
      for (const half of splitReceipts(batch)) {
        if ((await sendBatch(half)) === 'retry-later') return 'retry-later';
      }
      return 'sent';
    }
  };

  const drain = async () => {
    for (;;) {
      const batch = nextReceipts(store, maxBatch);
      if (isEmpty(batch) || stopped) return;
      if ((await sendBatch(batch)) === 'retry-later') {
        // The backoff wins over a debounce armed meanwhile: new receipts wait with the old.
        disarm();
        if (!stopped) arm(backoff.next());
        return;
      }
      backoff.reset();
    }
  };

  const sender: ReceiptSender = {
    schedule() {
      debounce();
    },
    flush() {
      // A drain under way reads what is owed again after each batch, so it takes these too.
      if (running !== undefined) return running;
      disarm();
      running = drain()
        .catch((error: unknown) => {
          // The database failed: what is owed stays stored and goes with the next schedule or start.
          log.error('sending receipts stopped on an error', { error: describe(error) });
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    stop() {
      stopped = true;
      disarm();
    },
  };
  return sender;
}

/**
 * 400, 403, 404: the server will refuse these receipts whenever they are sent. A 401 is the
 * session's problem, not the receipts': they wait for the next session to send them.
 */
function refusedForGood(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return error instanceof ApiError && error.kind === 'http' && !error.retryable && error.status !== 401;
}

/** Each token once: a message erased and stored again may owe the same receipt under two rows. */
function tokensOf(receipts: readonly OwedReceipt[]): string[] {
  return [...new Set(receipts.map((receipt) => receipt.token))];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : typeof error;
}
