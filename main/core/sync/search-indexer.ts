/**
 * Adds the bodies waiting in `search_pending` to the search index while sync is idle: a
 * replay's batches follow each other closely and each `nudge` puts the work off again, so
 * the index is built in a few large runs after the backlog is stored, not one per commit.
 * Runs are bounded so the main process never blocks for long; a search never waits for
 * this (it indexes what still waits itself).
 */
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log/logger';
import type { Store } from '../store';

export interface SearchIndexerOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Quiet time after the last nudge before indexing starts. Default 250 ms. */
  idleMs?: number;
  /** Messages indexed per transaction. Default 2,000 (a few tens of ms). */
  runSize?: number;
  /** After a failed run (a full disk, say), the wait before the next. Default 30 s. */
  retryMs?: number;
}

export interface SearchIndexer {
  /** Something was stored: index it once sync has been quiet for a while. */
  nudge(): void;
  stop(): void;
}

export function createSearchIndexer(options: SearchIndexerOptions): SearchIndexer {
  const { store, clock, log } = options;
  const idleMs = options.idleMs ?? 250;
  const runSize = options.runSize ?? 2_000;
  const retryMs = options.retryMs ?? 30_000;
  let handle: TimerHandle | undefined;
  let stopped = false;

  const arm = (delayMs: number) => {
    if (stopped) return;
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = clock.setTimeout(run, delayMs);
  };

  function run(): void {
    handle = undefined;
    try {
      const indexed = store.transaction(() => store.search.indexPending(runSize));
      // More waiting: go on at once, but after whatever else is due on the event loop.
      if (indexed === runSize) arm(0);
    } catch (error) {
      log.warn('indexing messages for search failed; retrying later', { error: (error as Error).message, retryMs });
      arm(retryMs);
    }
  }

  return {
    nudge() {
      arm(idleMs);
    },
    stop() {
      stopped = true;
      if (handle !== undefined) clock.clearTimeout(handle);
      handle = undefined;
    },
  };
}
