/** Sync's own writes still running, so that stopping can wait for every one of them. */
export interface WriteTracker {
  /** Tracks `work` and hands it back unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Settles once every write tracked so far has settled, however it ended. */
  settled(): Promise<void>;
}

export function createWriteTracker(): WriteTracker {
  let writing: Promise<void> = Promise.resolve();
  return {
    track(work) {
      // Settled to nothing: allSettled's own result would hold the one before it, and so on, a
      // record of every write and its result since the start (4 MB over a 10-minute shift).
      writing = Promise.allSettled([writing, work]).then(() => undefined);
      return work;
    },
    settled: () => writing,
  };
}
